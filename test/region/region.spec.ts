import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, startApi, tokenFor } from '../support/api';
import { bem, fixture, freshStore, json, ledgerFile } from '../support/cli';

/**
 * A three-level region built from seed 002-shaped figures (四川 城乡居民医保补助 2020, in 元 and scaled down):
 * province sc -> cities cd, my -> counties cd-a, cd-b (under cd), my-a, my-b (under my). The province's central
 * and provincial funds are allocated down (分解下达); each level also spends its own share, cities add municipal money.
 */
const P = 'cxjm';
let n = 0;
const line = (command: string, fields: Record<string, unknown>) => ({ command, id: `r-${++n}`, ...fields });
const dept = (code: string, name: string, level: string, parentCode?: string) => line('RegisterDepartment', { departmentCode: code, name, level, ...(parentCode ? { parentCode } : {}) });
const proj = (code: string, year = 2020) => line('RegisterProject', { projectId: `${code}-${year}`, departmentCode: code, fiscalYear: year, name: '城乡居民医保补助', kind: 'project', programCode: P });
const allocate = (from: string, to: string, amount: string, source: string, occurredOn = '2020-03-10') =>
  line('AllocateBudget', { fromProjectId: `${from}-2020`, toProjectId: `${to}-2020`, occurredOn, amount, source, document: `川财社〔2020〕${n}号` });
const pay = (code: string, amount: string, occurredOn = '2020-09-15', source?: string) =>
  line('RecordPayment', { projectId: `${code}-2020`, paymentId: `pay-${n + 1}`, occurredOn, amount, ...(source ? { source } : {}) });
const arrive = (code: string, amount: string, source: string, occurredOn = '2020-04-01') => line('RecordFundsArrival', { projectId: `${code}-2020`, occurredOn, amount, source });

const region = [
  dept('sc', '四川省医疗保障局', 'province'),
  dept('cd', '成都市医疗保障局', 'city', 'sc'),
  dept('my', '绵阳市医疗保障局', 'city', 'sc'),
  dept('cd-a', '金堂县医疗保障局', 'county', 'cd'),
  dept('cd-b', '大邑县医疗保障局', 'county', 'cd'),
  dept('my-a', '三台县医疗保障局', 'county', 'my'),
  dept('my-b', '梓潼县医疗保障局', 'county', 'my'),
  ...['sc', 'cd', 'my', 'cd-a', 'cd-b', 'my-a', 'my-b'].map((code) => proj(code)),
  line('IssueBudget', { projectId: 'sc-2020', occurredOn: '2020-01-10', amount: '27832390.00', source: 'central', basis: 'initial', document: '财社〔2019〕224号' }),
  line('IssueBudget', { projectId: 'sc-2020', occurredOn: '2020-01-10', amount: '4168552.70', source: 'provincial', basis: 'initial' }),
  allocate('sc', 'cd', '12000000.00', 'central'),
  allocate('sc', 'cd', '1500000.35', 'provincial'),
  allocate('sc', 'my', '9000000.00', 'central'),
  allocate('sc', 'my', '1200000.00', 'provincial'),
  line('IssueBudget', { projectId: 'cd-2020', occurredOn: '2020-02-01', amount: '800000.00', source: 'municipal', basis: 'initial' }),
  allocate('cd', 'cd-a', '5000000.00', 'central', '2020-04-20'),
  allocate('cd', 'cd-b', '4200000.00', 'central', '2020-04-20'),
  allocate('cd', 'cd-b', '600000.17', 'provincial', '2020-04-20'),
  allocate('my', 'my-a', '3900000.00', 'central', '2020-05-06'),
  allocate('my', 'my-b', '3100000.00', 'central', '2020-05-06'),
  arrive('sc', '6832390.00', 'central'),
  arrive('cd', '2800000.00', 'central'),
  arrive('cd-a', '5000000.00', 'central', '2020-05-10'),
  arrive('cd-b', '4800000.17', 'central', '2020-05-10'),
  arrive('my-a', '3900000.00', 'central', '2020-06-01'),
  pay('sc', '5123456.78'),
  pay('cd', '2345678.91', '2020-10-20', 'central'),
  pay('cd', '456789.01', '2020-11-20', 'municipal'),
  pay('cd-a', '4999999.99'),
  pay('cd-b', '3210987.65'),
  pay('my', '1111111.11', '2020-07-01'),
  pay('my-a', '3899999.98'),
  pay('my-b', '1234567.89', '2020-12-30'),
];

const sum = (values: string[]) => values.reduce((total, value) => total.plus(value), new Decimal(0)).toFixed(2);
const FIGURES = ['budgetInitial', 'budgetCurrent', 'arrived', 'paid', 'balance'] as const;

describe('a three-level region through the CLI and the API', () => {
  const store = freshStore();
  let api: RunningApi;
  let admin: string;

  beforeAll(async () => {
    const imported = await bem(store, 'import', ledgerFile(region), '--json');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    api = await startApi(store);
    admin = await tokenFor(api, 'admin', '*');
  });
  afterAll(() => api?.close());

  it('region rollups equal the sum of the units, to the cent, and count allocated money once', async () => {
    const run = await bem(store, 'progress', '--scope', 'region', '--department', 'sc', '--year', '2020', '--json');
    expect(run.code).toBe(0);
    const doc = json(run);
    expect(doc.scope).toBe('region');
    expect(doc.units.map((u: any) => [u.code, u.depth, u.parentCode])).toEqual([
      ['sc', 0, null],
      ['cd', 1, 'sc'],
      ['cd-a', 2, 'cd'],
      ['cd-b', 2, 'cd'],
      ['my', 1, 'sc'],
      ['my-a', 2, 'my'],
      ['my-b', 2, 'my'],
    ]);
    for (const figure of FIGURES) expect(doc[figure], figure).toBe(sum(doc.units.map((u: any) => u[figure])));
    // Every yuan issued into the region, once: province central + provincial + city municipal.
    expect(doc.budgetCurrent).toBe('32800942.70');
    expect(doc.paid).toBe(sum(region.filter((l) => l.command === 'RecordPayment').map((l) => (l as Record<string, unknown>).amount as string)));
    expect(doc.projects).toHaveLength(7);
    // each unit's own figures are exactly its department document
    for (const unit of doc.units) {
      const own = json(await bem(store, 'progress', '--department', unit.code, '--year', '2020', '--json'));
      for (const figure of FIGURES) expect(unit[figure], `${unit.code} ${figure}`).toBe(own[figure]);
    }
    // a city's region = the city + its counties
    const cd = doc.units.find((u: any) => u.code === 'cd');
    const cdUnits = doc.units.filter((u: any) => ['cd', 'cd-a', 'cd-b'].includes(u.code));
    for (const figure of FIGURES) expect(cd.region[figure]).toBe(sum(cdUnits.map((u: any) => u[figure])));
    expect(doc.units[0].region.budgetCurrent).toBe(doc.budgetCurrent);
    // the same through the API
    const reply = await call(api, 'GET', '/api/v1/departments/sc/progress?year=2020&scope=region', { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(doc);
    const city = await call(api, 'GET', '/api/v1/departments/cd/progress?year=2020&scope=region', { token: admin });
    expect(city.body.budgetCurrent).toBe(cd.region.budgetCurrent);
  });

  it('every allocation pair balances: the parent side and the child side, linked by allocationId', async () => {
    const events = await api.runtime.store.readAll();
    const out = events.filter((e) => e.type === 'BudgetAllocated').map((e) => e.data as any);
    const received = events.filter((e) => e.type === 'BudgetIssued' && (e.data as any).allocationId).map((e) => e.data as any);
    expect(out).toHaveLength(9);
    const key = (d: any) => `${d.allocationId}|${d.amount}|${d.source}|${d.occurredOn}`;
    expect(received.map(key).sort()).toEqual(out.map(key).sort());
    for (const d of received) expect(out.find((o) => o.allocationId === d.allocationId).projectId).toBe(d.fromProjectId);
    const program = json(await bem(store, 'program', '--program', P, '--department', 'sc', '--year', '2020', '--json'));
    expect(sum(program.allocations.map((a: any) => a.amount))).toBe(sum(out.map((o) => o.amount)));
    expect(sum(program.units.map((u: any) => u.allocatedOut))).toBe(sum(program.units.filter((u: any) => u.depth > 0).map((u: any) => u.received)));
  });

  it('the program table: 全年预算数 / 执行数 / 执行率 by 中央 / 地方 / 其他, 到位率, units summing to the totals', async () => {
    const run = await bem(store, 'program', '--program', P, '--department', 'sc', '--year', '2020', '--json');
    expect(run.code).toBe(0);
    const view = json(run);
    expect(view.total.budget).toBe('32800942.70');
    expect(view.bySource.central.budget).toBe('27832390.00');
    expect(view.bySource.local.budget).toBe('4968552.70');
    expect(view.bySource.other.budget).toBe('0.00');
    expect(view.total.budget).toBe(sum(view.units.map((u: any) => u.budget)));
    expect(view.total.executed).toBe(sum(view.units.map((u: any) => u.executed)));
    expect(view.total.executed).toBe(sum([view.bySource.central.executed, view.bySource.local.executed, view.bySource.other.executed]));
    expect(view.bySource.local.executed).toBe('456789.01');
    expect(view.arrived).toBe(sum(view.units.map((u: any) => u.arrived)));
    const progress = json(await bem(store, 'progress', '--scope', 'region', '--department', 'sc', '--year', '2020', '--json'));
    expect(view.total.executed).toBe(progress.paid);
    expect(view.total.executionRate).toBe(progress.executionRate);
    expect(view.arrivalRate).toBe(progress.arrivalRate);
    const reply = await call(api, 'GET', `/api/v1/departments/sc/programs/${P}?year=2020`, { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(view);
  });

  it('an allocation above the unallocated amount is refused with the figures (CLI and API), nothing appended', async () => {
    // cd: 13500000.35 + 800000.00 budget, 9800000.17 allocated, 2802467.92 paid -> 1697532.26 unallocated
    const over = { command: 'AllocateBudget', id: 'over-1', fromProjectId: 'cd-2020', toProjectId: 'cd-a-2020', occurredOn: '2020-12-01', amount: '1697532.27', source: 'central' };
    const run = await bem(store, 'import', ledgerFile([over]));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1697532.26');
    expect(run.stderr).toContain('1697532.27');
    const reply = await call(api, 'POST', '/api/v1/commands', { token: admin, body: { ...over, id: 'over-2' } });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      code: 'EXCEEDS_UNALLOCATED_BUDGET',
      details: { unallocated: '1697532.26', requested: '1697532.27', budget: '14300000.35', allocated: '9800000.17', paid: '2802467.92' },
    });
    const exact = await call(api, 'POST', '/api/v1/commands', { token: admin, body: { ...over, id: 'exact', amount: '1697532.26' } });
    expect(exact.status).toBe(201);
    expect(exact.body.eventIds).toHaveLength(2);
  });

  it('checkpoints roll up: the region at each checkpoint is the sum of its units as of that date (CLI and API)', async () => {
    const cli = json(await bem(store, 'checkpoints', '--scope', 'region', '--department', 'sc', '--year', '2020', '--json'));
    expect(cli).toMatchObject({ scope: 'region', profile: 'national', department: { code: 'sc' } });
    expect(cli.checkpoints.map((c: { date: string }) => c.date)).toEqual(['2020-06-30', '2020-09-30', '2020-11-30']);
    for (const checkpoint of cli.checkpoints) {
      const asOf = json(await bem(store, 'progress', '--scope', 'region', '--department', 'sc', '--year', '2020', '--as-of', checkpoint.date, '--json'));
      expect(checkpoint.budget).toBe(sum(asOf.units.map((u: { budgetCurrent: string }) => u.budgetCurrent)));
      expect(checkpoint.paid).toBe(sum(asOf.units.map((u: { paid: string }) => u.paid)));
      expect(checkpoint.progress).toBe(asOf.executionRate);
    }
    // No unit had paid anything by 30 June (the first payment is my's on 07-01): the region is red there.
    expect(cli.checkpoints[0]).toMatchObject({ paid: '0.00', progress: '0.00', status: 'red', target: '50.00', alertLine: '40.00' });
    expect(cli.units.map((u: { code: string }) => u.code)).toEqual(['sc', 'cd', 'cd-a', 'cd-b', 'my', 'my-a', 'my-b']);
    const api_ = await call(api, 'GET', '/api/v1/departments/sc/checkpoints?year=2020&scope=region', { token: admin });
    expect(api_.status).toBe(200);
    expect(api_.body.checkpoints).toEqual(cli.checkpoints);
  });

  it('alerts roll up: every unit\'s alerts with the unit that must answer (CLI and API)', async () => {
    for (const code of ['cd-a', 'my']) expect((await bem(store, 'checkpoints', '--department', code, '--year', '2020')).code).toBe(0);
    const cli = json(await bem(store, 'alerts', '--scope', 'region', '--department', 'sc', '--year', '2020', '--json'));
    const own = (code: string) => bem(store, 'alerts', '--department', code, '--year', '2020', '--json').then((run) => json(run).alerts.length);
    expect(cli.alerts.length).toBe((await own('cd-a')) + (await own('my')));
    expect(new Set(cli.alerts.map((a: { departmentCode: string }) => a.departmentCode))).toEqual(new Set(['cd-a', 'my']));
    const city = json(await bem(store, 'alerts', '--scope', 'region', '--department', 'cd', '--year', '2020', '--json'));
    expect(city.alerts.every((a: { departmentCode: string }) => a.departmentCode === 'cd-a')).toBe(true);
    const api_ = await call(api, 'GET', '/api/v1/departments/sc/alerts?year=2020&scope=region', { token: admin });
    expect(api_.status).toBe(200);
    expect(api_.body.alerts.map((a: { id: string }) => a.id).sort()).toEqual(cli.alerts.map((a: { id: string }) => a.id).sort());
  });

  it('a clerk of another department may not allocate from this one', async () => {
    const clerk = await tokenFor(api, 'clerk', ['my']);
    const reply = await call(api, 'POST', '/api/v1/commands', {
      token: clerk,
      body: { command: 'AllocateBudget', id: 'steal', fromProjectId: 'cd-2020', toProjectId: 'cd-a-2020', occurredOn: '2020-12-01', amount: '1.00', source: 'central' },
    });
    // Another department's project reads as an unknown one to a clerk (issue 13): nothing of it is revealed.
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'UNKNOWN_PROJECT', field: 'fromProjectId' });
  });
});

describe('the year boundary: carry-forward and cancellation reconcile', () => {
  const store = freshStore();
  const ledger = [
    dept('zg', '自贡市医疗保障局', 'city'),
    line('RegisterProject', { projectId: 'zg-2020', departmentCode: 'zg', fiscalYear: 2020, name: '医疗救助补助', kind: 'project' }),
    line('RegisterProject', { projectId: 'zg-2021', departmentCode: 'zg', fiscalYear: 2021, name: '医疗救助补助', kind: 'project' }),
    line('IssueBudget', { projectId: 'zg-2020', occurredOn: '2020-01-10', amount: '2319116.00', source: 'central', basis: 'initial' }),
    line('RecordPayment', { projectId: 'zg-2020', paymentId: 'z1', occurredOn: '2020-11-30', amount: '669634.33' }),
    line('CloseProject', { projectId: 'zg-2020', occurredOn: '2020-12-31' }),
    line('CarryForward', { fromProjectId: 'zg-2020', toProjectId: 'zg-2021', occurredOn: '2021-01-08', amount: '1000000.00', document: '自财社〔2021〕1号' }),
    line('CancelBalance', { projectId: 'zg-2020', occurredOn: '2021-01-20', reason: '年末注销' }),
  ];

  it('balance = carried + cancelled; the next year opens with the carryover; both years report it', async () => {
    expect((await bem(store, 'import', ledgerFile(ledger))).code).toBe(0);
    const closing = json(await bem(store, 'yearend', '--department', 'zg', '--year', '2020', '--json'));
    expect(closing.reconciled).toBe(true);
    expect(closing.projects[0]).toMatchObject({ balance: '1649481.67', carried: '1000000.00', cancelled: '649481.67', open: '0.00', carriedTo: ['zg-2021'] });
    // the closed year keeps its 全年预算数 and 执行率 (seed 002: 年末注销 does not restate them)
    const year2020 = json(await bem(store, 'progress', '--department', 'zg', '--year', '2020', '--json'));
    expect(year2020).toMatchObject({ budgetCurrent: '2319116.00', paid: '669634.33', balance: '1649481.67', executionRate: '28.87' });
    const year2021 = json(await bem(store, 'progress', '--department', 'zg', '--year', '2021', '--json'));
    expect(year2021).toMatchObject({ budgetInitial: '1000000.00', budgetCurrent: '1000000.00' });
    const more = await bem(store, 'import', ledgerFile([line('CancelBalance', { projectId: 'zg-2020', occurredOn: '2021-01-21', amount: '0.01', reason: '再注销' })]));
    expect(more.code).toBe(1);
    expect(more.stderr).toContain('已无结余');
  });
});

describe('the 乐山 split (seed 000) reproduced from test/fixtures/leshan-program.jsonl', () => {
  const store = freshStore();
  let api: RunningApi;
  let admin: string;
  beforeAll(async () => {
    expect((await bem(store, 'import', fixture('leshan-program.jsonl'))).code).toBe(0);
    api = await startApi(store);
    admin = await tokenFor(api, 'manager', ['ls-ybj']);
  });
  afterAll(() => api?.close());

  const SPLIT: [string, string][] = [
    ['乐山市医疗保障局', '870000.00'],
    ['市中区医疗保障局', '70000.00'],
    ['五通桥区医疗保障局', '30000.00'],
    ['沙湾区医疗保障局', '30000.00'],
    ['金口河区医疗保障局', '10000.00'],
    ['峨眉山市医疗保障局', '80000.00'],
    ['犍为县医疗保障局', '80000.00'],
    ['井研县医疗保障局', '50000.00'],
    ['夹江县医疗保障局', '50000.00'],
    ['沐川县医疗保障局', '70000.00'],
    ['峨边彝族自治县医疗保障局', '30000.00'],
    ['马边彝族自治县医疗保障局', '30000.00'],
  ];

  it('市本级 87 + 53 across 11 districts and counties = 140万, 犍为 arriving only in 2020', async () => {
    const run = await bem(store, 'program', '--program', 'ylfw-nlts', '--department', 'ls-ybj', '--year', '2019', '--json');
    expect(run.code).toBe(0);
    const view = json(run);
    expect(view.units.map((u: any) => [u.name, u.budget])).toEqual(SPLIT);
    expect(view.total).toEqual({ budget: '1400000.00', executed: '738400.00', executionRate: '52.74' });
    expect(view.bySource.central.budget).toBe('1400000.00');
    expect(view.units[0]).toMatchObject({ received: '1400000.00', allocatedOut: '530000.00', arrived: '870000.00', executed: '288400.00', executionRate: '33.15', carriedForward: '581600.00' });
    expect(sum(view.units.slice(1).map((u: any) => u.received))).toBe('530000.00');
    const qw = view.units.find((u: any) => u.departmentCode === 'ls-qw');
    expect(qw).toMatchObject({ received: '80000.00', arrived: '0.00', arrivalRate: '0.00', carriedForward: '80000.00', arrivedLater: { amount: '80000.00', lastOn: '2020-04-20', projectIds: ['qw-2020-nlts'] } });
    expect(view.arrivalRate).toBe('94.29');
    expect(view.indicators.map((i: any) => [i.name, i.target, i.actual])).toEqual([
      ['开展医保宣传活动', '≥3次', '3次'],
      ['定点医药机构监督检查覆盖率', '=100%', '100%'],
    ]);
    const text = await bem(store, 'program', '--program', 'ylfw-nlts', '--department', 'ls-ybj', '--year', '2019');
    expect(text.stdout).toContain('140.00');
    expect(text.stdout).toContain('8.00（2020-04-20）');
    const reply = await call(api, 'GET', '/api/v1/departments/ls-ybj/programs/ylfw-nlts?year=2019', { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(view);
    // the next year shows the late arrival against the carry-over
    const next = json(await bem(store, 'program', '--program', 'ylfw-nlts', '--department', 'ls-ybj', '--year', '2020', '--json'));
    expect(next.units.map((u: any) => [u.departmentCode, u.carriedIn, u.arrived])).toEqual([
      ['ls-ybj', '581600.00', '0.00'],
      ['ls-qw', '80000.00', '80000.00'],
    ]);
    const forbidden = await call(api, 'GET', '/api/v1/departments/sc-ybj/programs/ylfw-nlts?year=2019', { token: admin });
    expect(forbidden.status).toBe(403);
  });
});
