import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http } from '../support/product';
import { startDashboard, stopDashboard } from './support/started-dashboard';
import { departmentRendered, openPage } from './support/browser';


/** 截至 / 按当时登记 on the department's checkpoint table (demo: sc-ybj 2020, evaluated when the product first started). */
describe('the checkpoint table honours as-of and known-at (npm start, chromium)', () => {
  let product: StartedProduct;
  let browser: Browser;
  let admin: string;
  let startedAt: string;

  beforeAll(async () => {
    startedAt = new Date(Date.now() - 60_000).toISOString();
    ({ product, browser, admin } = await startDashboard());
  }, 120_000);
  afterAll(() => stopDashboard(product, browser));

  const rows = async (query: string) => (await http(product.url, 'GET', `/api/v1/departments/sc-ybj/checkpoints?year=2020${query}`, { token: admin })).json();

  it('API: as of 2020-06-30 only the 6月 checkpoint and its score; known at a time before the evaluation, none was evaluated yet', async () => {
    const june = await rows('&asOf=2020-06-30');
    expect(june.checkpoints.map((c: { date: string }) => c.date)).toEqual(['2020-06-30']);
    expect(june.totalScore).toBe(june.checkpoints[0].score);
    const before = await rows(`&knownAt=${encodeURIComponent(startedAt)}`);
    expect(before.checkpoints).toEqual([]);
    expect(before.upcoming).toEqual(['2020-06-30', '2020-09-30', '2020-11-30']);
  });

  it('browser: the department page shows only the checkpoints of the view', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/departments/sc-ybj?year=2020`);
    try {
      await departmentRendered(page);
      const all = page.locator('div.checkpoints tbody tr:not(.upcoming)');
      await all.first().waitFor();
      expect(await all.count()).toBe(3);
      await page.goto(`${product.url}/#/departments/sc-ybj?year=2020&asOf=2020-06-30`);
      await expect.poll(() => all.count(), { timeout: 20_000 }).toBe(1);
      expect(await page.locator('div.checkpoints tbody tr:not(.upcoming) td').first().textContent()).toBe('2020-06-30');
      await page.goto(`${product.url}/#/departments/sc-ybj?year=2020&knownAt=${encodeURIComponent(startedAt)}`);
      await expect.poll(() => all.count(), { timeout: 20_000 }).toBe(0);
      expect(await page.locator('div.checkpoints caption').textContent()).toContain('四川省 2020');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
