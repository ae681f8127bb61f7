import { readFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { bem, fixture, freshStore, json } from '../support/cli';

const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8'));
const wan = (yuan: string) => new Decimal(yuan).div(10_000).toFixed(2);
const wanInt = (yuan: string) => new Decimal(yuan).div(10_000).toFixed(0);

describe('sichuan-2020 ledger (seed 002)', () => {
  const store = freshStore();
  beforeAll(async () => {
    const run = await bem(store, 'import', fixture('sichuan-2020.jsonl'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it.each(Object.entries(expected['sichuan-2020'].progress))('progress as of %s matches the report', async (asOf, figures) => {
    const run = await bem(store, 'progress', '--department', 'sc-ybj', '--year', '2020', '--as-of', asOf, '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ asOf, ...(figures as object) });
  });

  it('gives the project rates of the report', async () => {
    const doc = json(await bem(store, 'progress', '--department', 'sc-ybj', '--year', '2020', '--json'));
    expect(doc.asOf).toBe('2020-12-31');
    for (const [projectId, figures] of Object.entries(expected['sichuan-2020']['projects2020-12-31'])) {
      expect(doc.projects.find((p: { projectId: string }) => p.projectId === projectId)).toMatchObject(figures as object);
    }
  });

  it('answers one project with --project, without a projects list', async () => {
    const doc = json(await bem(store, 'progress', '--department', 'sc-ybj', '--year', '2020', '--project', 'sc-2020-capacity', '--json'));
    expect(doc).toMatchObject({ projectId: 'sc-2020-capacity', budgetCurrent: '1395000.00', paid: '1140000.00', executionRate: '81.72', fiscalYear: 2020 });
    expect(doc.projects).toBeUndefined();
  });
});

describe('kaifu-2020 ledger (seed 001): 年初 / 调整 / 决算 per project and department', () => {
  const store = freshStore();
  const table = expected['kaifu-2020'].basicDataTable2020;
  const names: Record<string, string> = {
    业务工作经费: 'kf-2020-ywjf',
    公费医疗: 'kf-2020-gfyl',
    医疗救助: 'kf-2020-yljz',
    特困企业退休职工基本医疗: 'kf-2020-tkqy',
    城乡居民医保区级配套补助: 'kf-2020-cxjm',
    基本支出: 'kf-2020-basic',
  };
  beforeAll(async () => {
    expect((await bem(store, 'import', fixture('kaifu-2020.jsonl'))).code).toBe(0);
  });

  it('department totals match 支出合计 for 2020 and the 2019 决算', async () => {
    const doc = json(await bem(store, 'progress', '--department', 'kf-ybj', '--year', '2020', '--json'));
    expect([wanInt(doc.budgetInitial), wanInt(doc.budgetCurrent), wanInt(doc.paid)]).toEqual([
      table['支出合计']['2020年初'],
      table['支出合计']['2020调整'],
      table['支出合计']['2020决算'],
    ]);
    const prior = json(await bem(store, 'progress', '--department', 'kf-ybj', '--year', '2019', '--json'));
    expect(wanInt(prior.paid)).toBe(table['支出合计']['2019决算']);
  });

  it.each(Object.entries(names))('%s matches its row', async (name, projectId) => {
    const doc = json(await bem(store, 'progress', '--department', 'kf-ybj', '--year', '2020', '--project', projectId, '--json'));
    const row = table[name];
    if (row['2020年初']) expect(wanInt(doc.budgetInitial)).toBe(row['2020年初']);
    expect(wanInt(doc.budgetCurrent)).toBe(row['2020调整']);
    expect(wanInt(doc.paid)).toBe(row['2020决算']);
  });
});

describe('xihu-2022 ledger (seed 004)', () => {
  const store = freshStore();
  const figures = expected['xihu-2022'];
  beforeAll(async () => {
    expect((await bem(store, 'import', fixture('xihu-2022.jsonl'))).code).toBe(0);
  });

  it('department 年初 / 调整 / 决算 in 万元 and the execution rate', async () => {
    const doc = json(await bem(store, 'progress', '--department', 'xh-ybj', '--year', '2022', '--json'));
    expect([wan(doc.budgetInitial), wan(doc.budgetCurrent), wan(doc.paid)]).toEqual([figures.wan['年初预算'], figures.wan['调整预算'], figures.wan['决算']]);
    expect(doc.executionRate).toBe(figures.rates['预算执行率']);
    const sumOf = (kind: string) =>
      doc.projects.filter((p: { kind: string }) => p.kind === kind).reduce((t: Decimal, p: { budgetCurrent: string }) => t.plus(p.budgetCurrent), new Decimal(0));
    expect(wan(sumOf('basic').toFixed(2))).toBe(figures.wan['基本支出调整']);
    expect(wan(sumOf('project').toFixed(2))).toBe(figures.wan['项目支出调整']);
  });
});
