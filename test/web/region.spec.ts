import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, startApi, tokenFor } from '../support/api';
import { freshStore } from '../support/cli';
import { departmentRendered, launchBrowser, openPage } from './support/browser';

const ARTIFACTS = resolve(__dirname, '../artifacts');

/**
 * A three-level region (as test/region/region.spec.ts builds it): province sc -> cities cd, my -> counties cd-a, cd-b
 * (under cd) and my-a, my-b (under my). The province allocates central and provincial money down (分解下达), each
 * level spends its own share, amounts with odd cents so a rounding slip shows.
 */
let n = 0;
const line = (command: string, fields: Record<string, unknown>) => ({ command, id: `wr-${++n}`, ...fields });
const dept = (code: string, name: string, level: string, parentCode?: string) => line('RegisterDepartment', { departmentCode: code, name, level, ...(parentCode ? { parentCode } : {}) });
const proj = (code: string) => line('RegisterProject', { projectId: `${code}-2020`, departmentCode: code, fiscalYear: 2020, name: '城乡居民医保补助', kind: 'project', programCode: 'cxjm' });
const allocate = (from: string, to: string, amount: string, source: string, occurredOn = '2020-03-10') =>
  line('AllocateBudget', { fromProjectId: `${from}-2020`, toProjectId: `${to}-2020`, occurredOn, amount, source, document: `川财社〔2020〕${n}号` });
const pay = (code: string, amount: string, occurredOn = '2020-09-15', source?: string) =>
  line('RecordPayment', { projectId: `${code}-2020`, paymentId: `wpay-${n + 1}`, occurredOn, amount, ...(source ? { source } : {}) });
const arrive = (code: string, amount: string, source: string, occurredOn = '2020-04-01') => line('RecordFundsArrival', { projectId: `${code}-2020`, occurredOn, amount, source });

const REGION = [
  dept('sc', '四川省医疗保障局', 'province'),
  dept('cd', '成都市医疗保障局', 'city', 'sc'),
  dept('my', '绵阳市医疗保障局', 'city', 'sc'),
  dept('cd-a', '金堂县医疗保障局', 'county', 'cd'),
  dept('cd-b', '大邑县医疗保障局', 'county', 'cd'),
  dept('my-a', '三台县医疗保障局', 'county', 'my'),
  dept('my-b', '梓潼县医疗保障局', 'county', 'my'),
  ...['sc', 'cd', 'my', 'cd-a', 'cd-b', 'my-a', 'my-b'].map(proj),
  line('IssueBudget', { projectId: 'sc-2020', occurredOn: '2020-01-10', amount: '27832390.00', source: 'central', basis: 'initial', document: '财社〔2019〕224号' }),
  line('IssueBudget', { projectId: 'sc-2020', occurredOn: '2020-01-10', amount: '4168552.70', source: 'provincial', basis: 'initial' }),
  allocate('sc', 'cd', '12000000.00', 'central'),
  allocate('sc', 'cd', '1500000.35', 'provincial'),
  allocate('sc', 'my', '9000000.00', 'central'),
  allocate('sc', 'my', '1200000.00', 'provincial'),
  line('IssueBudget', { projectId: 'cd-2020', occurredOn: '2020-02-01', amount: '800000.00', source: 'municipal', basis: 'initial' }),
  line('AdjustBudget', { projectId: 'my-2020', occurredOn: '2020-08-01', delta: '333333.33', kind: 'increase', reason: '追加' }),
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
  pay('cd-b', '3210987.65', '2020-06-15'),
  pay('my', '1111111.11', '2020-07-01'),
  pay('my-a', '3899999.98'),
  pay('my-b', '1234567.89', '2020-12-30'),
];

const AMOUNTS = ['budgetInitial', 'budgetCurrent', 'arrived', 'paid'] as const;
type Amount = (typeof AMOUNTS)[number];

/** "1,234,567.89 元" → 123456789n (分): exact, no floating point. */
function cents(text: string | null): bigint {
  const match = /^(-?)([\d,]+)\.(\d{2})(?:\s*元)?$/.exec((text ?? '').trim());
  if (!match) throw new Error(`not an amount in 元: ${JSON.stringify(text)}`);
  const value = BigInt(match[2].replace(/,/g, '')) * 100n + BigInt(match[3]);
  return match[1] ? -value : value;
}
/** 分 → the API's 元 string ("123456.70"). */
const yuanText = (value: bigint) => `${value < 0n ? '-' : ''}${(value < 0n ? -value : value) / 100n}.${String((value < 0n ? -value : value) % 100n).padStart(2, '0')}`;

interface PageRow {
  code: string;
  depth: number;
  own: Record<Amount, bigint>;
  sub: Record<Amount, bigint>;
}

/** The region view as the page shows it: the KPI totals (元 lines) and every unit row of the table. */
async function readRegion(page: Page): Promise<{ totals: Record<Amount, bigint>; footer: Record<Amount, bigint>; rows: PageRow[] }> {
  const totals = {} as Record<Amount, bigint>;
  const footer = {} as Record<Amount, bigint>;
  for (const key of AMOUNTS) {
    totals[key] = cents(await page.locator(`[data-testid="region-${key}"]`).textContent());
    footer[key] = cents(await page.locator(`[data-testid="region-table"] tfoot [data-col="own-${key}"]`).textContent());
  }
  const rows: PageRow[] = [];
  const trs = page.locator('[data-testid="region-table"] tbody tr');
  for (let i = 0; i < (await trs.count()); i++) {
    const tr = trs.nth(i);
    const own = {} as Record<Amount, bigint>;
    const sub = {} as Record<Amount, bigint>;
    for (const key of AMOUNTS) {
      own[key] = cents(await tr.locator(`[data-col="own-${key}"]`).textContent());
      sub[key] = cents(await tr.locator(`[data-col="sub-${key}"]`).textContent());
    }
    rows.push({ code: (await tr.getAttribute('data-unit'))!, depth: Number(await tr.getAttribute('data-depth')), own, sub });
  }
  return { totals, footer, rows };
}

const sumOf = (rows: PageRow[], key: Amount, side: 'own' | 'sub' = 'own') => rows.reduce((total, row) => total + row[side][key], 0n);

/** Waits for the next render of #view after `after` (the data-rendered stamp of the previous view). */
const stampOf = async (page: Page) => Number((await page.locator('#view').getAttribute('data-rendered')) ?? 0);

describe.skipIf(process.env.BEM_SKIP_BROWSER === '1')('dashboard region view (a three-level region)', () => {
  let api: RunningApi;
  let browser: Browser;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    api = await startApi(freshStore());
    admin = await tokenFor(api, 'admin', '*');
    manager = await tokenFor(api, 'manager', ['cd', 'cd-a']);
    const imported = await call(api, 'POST', '/api/v1/imports?format=jsonl', { token: admin, body: REGION.map((l) => JSON.stringify(l)).join('\n') });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('admin: region totals = the sum of the units to the cent; drills down to a city and a county and back up (screenshot)', async () => {
    const { page, errors, close } = await openPage(browser, `${api.url}/?token=${admin}#/regions/sc?year=2020`, { width: 1440, height: 900 });
    try {
      await departmentRendered(page);
      expect(await page.locator('h1').textContent()).toBe('四川省医疗保障局 · 区域汇总 · 2020 年');
      const province = await readRegion(page);
      expect(province.rows.map((r) => [r.code, r.depth])).toEqual([
        ['sc', 0], ['cd', 1], ['cd-a', 2], ['cd-b', 2], ['my', 1], ['my-a', 2], ['my-b', 2],
      ]);
      for (const key of AMOUNTS) {
        expect(province.totals[key], key).toBe(sumOf(province.rows, key));
        expect(province.footer[key], key).toBe(province.totals[key]);
        // the root's subtree is the whole region
        expect(province.rows[0].sub[key], key).toBe(province.totals[key]);
      }
      // Every yuan issued into the region once: central + provincial + municipal + my's 追加.
      expect(yuanText(province.totals.budgetCurrent)).toBe('33134276.03');
      expect(yuanText(province.totals.paid)).toBe('22382591.32');
      // a city's subtree = the city + its counties
      const cdUnits = province.rows.filter((r) => ['cd', 'cd-a', 'cd-b'].includes(r.code));
      for (const key of AMOUNTS) expect(province.rows[1].sub[key], key).toBe(sumOf(cdUnits, key));
      // the same figures as the API's region document
      const apiRegion = (await call(api, 'GET', '/api/v1/departments/sc/progress?year=2020&scope=region', { token: admin })).body;
      for (const key of AMOUNTS) expect(yuanText(province.totals[key]), key).toBe(apiRegion[key]);
      expect(await page.locator('[data-testid="region-rate"]').textContent()).toBe(`${apiRegion.executionRate}%`);
      // units are indented by depth
      const indent = async (code: string) => page.locator(`tr[data-unit="${code}"] th.unit-name`).evaluate((el) => parseFloat((globalThis as any).getComputedStyle(el).paddingLeft) as number);
      expect(await indent('cd')).toBeGreaterThan(await indent('sc'));
      expect(await indent('cd-a')).toBeGreaterThan(await indent('cd'));
      // the chart: the province's own share and each city's subtree
      expect(JSON.parse((await page.locator('[data-testid="region-chart"]').getAttribute('data-units'))!).map((u: [string]) => u[0])).toEqual([
        '四川省医疗保障局（本级）', '成都市医疗保障局', '绵阳市医疗保障局',
      ]);
      expect(await page.locator('[data-testid="region-chart"] canvas').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="region-up"]').count()).toBe(0);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: resolve(ARTIFACTS, 'region.png'), fullPage: true });

      // drill down to the city: its own region view
      let stamp = await stampOf(page);
      await page.locator('tr[data-unit="cd"] a[data-drill="region"]').click();
      await departmentRendered(page, stamp);
      expect(await page.evaluate<string>('location.hash')).toBe('#/regions/cd?year=2020');
      expect(await page.locator('h1').textContent()).toContain('成都市医疗保障局');
      const city = await readRegion(page);
      expect(city.rows.map((r) => [r.code, r.depth])).toEqual([['cd', 0], ['cd-a', 1], ['cd-b', 1]]);
      for (const key of AMOUNTS) {
        expect(city.totals[key], key).toBe(sumOf(city.rows, key));
        expect(city.totals[key], key).toBe(province.rows[1].sub[key]);
      }
      expect(await page.locator('[data-testid="region-up"]').textContent()).toContain('四川省医疗保障局');

      // drill down to a county: a leaf opens the department view, which links up but offers no 区域汇总
      stamp = await stampOf(page);
      await page.locator('tr[data-unit="cd-a"] a[data-drill="department"]').click();
      await departmentRendered(page, stamp);
      expect(await page.evaluate<string>('location.hash')).toBe('#/departments/cd-a?year=2020');
      expect(await page.locator('h1').textContent()).toContain('金堂县医疗保障局');
      await page.locator('[data-testid="region-parent-link"]').waitFor();
      expect(await page.locator('[data-testid="region-link"]').count()).toBe(0);
      expect(await page.locator('[data-testid="execution-rate"]').textContent()).toBe(
        `${(await call(api, 'GET', '/api/v1/departments/cd-a/progress?year=2020', { token: admin })).body.executionRate}%`,
      );

      // back up: the county's parent region, then the province's
      stamp = await stampOf(page);
      await page.locator('[data-testid="region-parent-link"]').click();
      await departmentRendered(page, stamp);
      expect(await page.evaluate<string>('location.hash')).toBe('#/regions/cd?year=2020');
      stamp = await stampOf(page);
      await page.locator('[data-testid="region-up"]').click();
      await departmentRendered(page, stamp);
      expect(await page.evaluate<string>('location.hash')).toBe('#/regions/sc?year=2020');

      // the province's department view links to its 区域汇总
      stamp = await stampOf(page);
      await page.locator('tr[data-unit="sc"] a[data-drill="department"]').click();
      await departmentRendered(page, stamp);
      const link = page.locator('[data-testid="region-link"]');
      await link.waitFor();
      expect(await link.textContent()).toBe('区域汇总');
      expect(await page.locator('[data-testid="region-parent-link"]').count()).toBe(0);
      stamp = await stampOf(page);
      await link.click();
      await departmentRendered(page, stamp);
      expect(await page.evaluate<string>('location.hash')).toBe('#/regions/sc?year=2020');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('honours the as-of and known-at pickers, and keeps them while drilling down', async () => {
    const { page, errors, close } = await openPage(browser, `${api.url}/?token=${admin}#/regions/sc?year=2020&asOf=2020-06-30`);
    try {
      await departmentRendered(page);
      expect(await page.locator('.timebar').getAttribute('class')).toContain('active');
      const june = await readRegion(page);
      const apiJune = (await call(api, 'GET', '/api/v1/departments/sc/progress?year=2020&scope=region&asOf=2020-06-30', { token: admin })).body;
      for (const key of AMOUNTS) {
        expect(june.totals[key], key).toBe(sumOf(june.rows, key));
        expect(yuanText(june.totals[key]), key).toBe(apiJune[key]);
      }
      // only cd-b's June payment is inside the view
      expect(yuanText(june.totals.paid)).toBe('3210987.65');
      expect(await page.locator('tr[data-unit="my"] a[data-drill="region"]').getAttribute('href')).toBe('#/regions/my?year=2020&asOf=2020-06-30');

      // known at an instant before anything was recorded: the region is there, every figure zero
      const stamp = await stampOf(page);
      await page.goto(`${api.url}/#/regions/sc?year=2020&knownAt=2000-01-01T00:00:00.000Z`);
      await departmentRendered(page, stamp);
      const before = await readRegion(page);
      expect(before.rows).toHaveLength(7);
      for (const key of AMOUNTS) expect(before.totals[key], key).toBe(0n);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('manager of cd and cd-a: no link up to the province, units outside the scope are not links; fits a phone', async () => {
    const { page, errors, close } = await openPage(browser, `${api.url}/?token=${manager}#/regions/cd?year=2020`, { width: 390, height: 844 });
    try {
      await departmentRendered(page);
      const city = await readRegion(page);
      for (const key of AMOUNTS) expect(city.totals[key], key).toBe(sumOf(city.rows, key));
      expect(await page.locator('[data-testid="region-up"]').count()).toBe(0);
      expect(await page.locator('tr[data-unit="cd-a"] a').count()).toBe(1);
      expect(await page.locator('tr[data-unit="cd-b"] a').count()).toBe(0);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(1);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
