import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, startApi, tokenFor } from '../support/api';
import { bem, freshStore, json, ledgerFile } from '../support/cli';

/**
 * 分解下达 with the 绩效目标 that travel with it (issue 9): 乐山 passes 8万 of 医疗服务与保障能力提升补助 down to 犍为 with
 * the two targets of the program; 犍为's project then has them as its own indicators, in the same atomic write.
 */
const ledger = [
  { command: 'RegisterDepartment', id: 't-01', departmentCode: 'ls', name: '乐山市医疗保障局', level: 'city' },
  { command: 'RegisterDepartment', id: 't-02', departmentCode: 'qw', name: '犍为县医疗保障局', level: 'county', parentCode: 'ls' },
  { command: 'RegisterProject', id: 't-03', projectId: 'ls-2019', departmentCode: 'ls', fiscalYear: 2019, name: '医疗服务与保障能力提升补助', kind: 'project', programCode: 'nlts' },
  { command: 'RegisterProject', id: 't-04', projectId: 'qw-2019', departmentCode: 'qw', fiscalYear: 2019, name: '医疗服务与保障能力提升补助', kind: 'project', programCode: 'nlts' },
  { command: 'IssueBudget', id: 't-05', projectId: 'ls-2019', occurredOn: '2019-05-10', amount: '1400000.00', source: 'central', basis: 'supplementary', document: '川财社〔2019〕70号' },
  {
    command: 'AllocateBudget',
    id: 't-06',
    fromProjectId: 'ls-2019',
    toProjectId: 'qw-2019',
    occurredOn: '2019-06-01',
    amount: '80000.00',
    document: '乐财社〔2019〕51号',
    targets: [
      { indicatorId: 'xc', level1: '产出指标', level2: '数量指标', name: '开展医保宣传活动', target: '≥3次', weight: '10' },
      { indicatorId: 'jg', level1: '产出指标', level2: '质量指标', name: '定点医药机构监督检查覆盖率', target: '=100%' },
    ],
  },
  { command: 'RecordIndicatorActual', id: 't-07', projectId: 'qw-2019', indicatorId: 'xc', occurredOn: '2019-12-31', value: '3次' },
];

describe('AllocateBudget targets through `bem import`', () => {
  const store = freshStore();
  let api: RunningApi;
  let admin: string;

  beforeAll(async () => {
    const imported = await bem(store, 'import', ledgerFile(ledger), '--json');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    api = await startApi(store);
    admin = await tokenFor(api, 'admin', '*');
  });
  afterAll(() => api?.close());

  it('the child department evaluates with the targets that came down with the money', async () => {
    const run = await bem(store, 'evaluate', '--department', 'qw', '--year', '2019', '--profile', 'national', '--json');
    expect(run.code, run.stderr).toBe(0);
    const indicators = json(run).indicators.map((i: any) => [i.indicatorId, i.projectId, i.level2, i.name, i.target, i.actual, i.met]);
    expect(indicators).toEqual([
      ['xc', 'qw-2019', '数量指标', '开展医保宣传活动', '≥3次', '3次', true],
      ['jg', 'qw-2019', '质量指标', '定点医药机构监督检查覆盖率', '=100%', null, null],
    ]);
    // the parent keeps none of them: they belong to the receiving project
    const parent = json(await bem(store, 'evaluate', '--department', 'ls', '--year', '2019', '--profile', 'national', '--json'));
    expect(parent.indicators).toEqual([]);
  });

  it('the child stream holds BudgetIssued then one IndicatorSet per target, written with the parent side', async () => {
    const events = (await api.runtime.store.readStream('project-qw-2019')).filter((e) => (e.metadata as any).commandId === 't-06');
    expect(events.map((e) => e.type)).toEqual(['BudgetIssued', 'IndicatorSet', 'IndicatorSet']);
    expect(events[1].data).toEqual({ projectId: 'qw-2019', indicatorId: 'xc', level1: '产出指标', level2: '数量指标', name: '开展医保宣传活动', target: '≥3次', weight: '10.00' });
    const [allocated] = (await api.runtime.store.readStream('project-ls-2019')).filter((e) => e.type === 'BudgetAllocated');
    expect(events.map((e) => e.position)).toEqual([allocated.position + 1, allocated.position + 2, allocated.position + 3]);
    const reply = await call(api, 'GET', '/api/v1/projects/qw-2019/events', { token: admin });
    expect(reply.status).toBe(200);
    const listed = (Array.isArray(reply.body) ? reply.body : reply.body.events).map((e: any) => e.type);
    expect(listed).toEqual(['ProjectRegistered', 'BudgetIssued', 'IndicatorSet', 'IndicatorSet', 'IndicatorActualRecorded']);
  });

  it('refuses a target already set on the child, naming the field, and appends nothing; an unparsed target is a warning', async () => {
    const again = { ...ledger[5], id: 't-08', amount: '1.00', targets: [{ indicatorId: 'new', level1: '效益指标', level2: '社会效益指标', name: '群众满意度', target: '≥90%' }, { ...(ledger[5] as any).targets[0] }] };
    const head = await api.runtime.store.headPosition();
    const run = await bem(store, 'import', ledgerFile([again]));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('targets.1.indicatorId');
    expect(run.stderr).toContain('已设定绩效指标 xc');
    expect(run.stderr).toContain('already has indicator xc');
    const bad = { ...again, id: 't-09', targets: [{ indicatorId: 'z', level1: '产出指标', level2: '数量指标', name: '检查次数', target: '≥' }] };
    // A target that does not parse never refuses a file (architecture §10): kept as printed, qualitative, with a warning.
    const parsed = await bem(store, 'import', ledgerFile([bad]));
    expect(parsed.code).toBe(0);
    expect(parsed.stderr).toContain('line 1');
    const afterWarning = await api.runtime.store.headPosition();
    expect(afterWarning).toBeGreaterThan(head);
    const empty = { ...again, id: 't-10', targets: [{ indicatorId: 'z', level1: '', level2: '数量指标', name: '检查次数', target: '≥3次' }] };
    const invalid = await bem(store, 'import', ledgerFile([empty]));
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('targets.0.level1');
    expect(await api.runtime.store.headPosition()).toBe(afterWarning);
  });
});
