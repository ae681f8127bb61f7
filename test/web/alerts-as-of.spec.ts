import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http } from '../support/product';
import { startDashboard, stopDashboard } from './support/started-dashboard';
import { departmentRendered, openPage } from './support/browser';


interface Row {
  id: string;
  checkpoint: string | null;
  status: string;
  severity: string;
}

/**
 * 截至 / 按当时登记 on the alerts (inbox, department page) and the scores (checkpoint table, 部门总览), through npm start
 * and chromium. The demo's sc-ybj 2020 checkpoints are evaluated when the product first starts.
 */
describe('alerts and scores honour as-of and known-at (npm start, chromium)', () => {
  let product: StartedProduct;
  let browser: Browser;
  let admin: string;
  let startedAt: string;

  beforeAll(async () => {
    startedAt = new Date(Date.now() - 60_000).toISOString();
    ({ product, browser, admin } = await startDashboard());
  }, 120_000);
  afterAll(() => stopDashboard(product, browser));

  const alerts = async (query: string): Promise<{ total: number; alerts: Row[] }> =>
    (await http(product.url, 'GET', `/api/v1/departments/sc-ybj/alerts?year=2020${query}`, { token: admin })).json();

  it('API: as of 2020-06-30 only the alerts of the 6月 checkpoint; known at a time before the evaluation, none', async () => {
    const all = await alerts('');
    expect(all.total).toBeGreaterThan(0);
    expect(new Set(all.alerts.map((a) => a.checkpoint))).toContain('2020-09-30');
    const june = await alerts('&asOf=2020-06-30');
    expect(june.total).toBeGreaterThan(0);
    expect(june.total).toBeLessThan(all.total);
    expect(june.alerts.every((a) => (a.checkpoint ?? '') <= '2020-06-30')).toBe(true);
    expect((await alerts(`&knownAt=${encodeURIComponent(startedAt)}`)).total).toBe(0);
    const bad = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/alerts?year=2020&asOf=2020-13-01', { token: admin });
    expect(bad.status).toBe(400);
  });

  it('browser: the inbox shows an alert acknowledged after known-at as open, and only the checkpoints of the view', async () => {
    const june = (await alerts('&asOf=2020-06-30')).alerts;
    const target = june.find((a) => a.status === 'open') ?? june[0];
    const beforeAck = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const ack = await http(product.url, 'POST', `/api/v1/alerts/${target.id}/acknowledge`, { token: admin, body: {} });
    expect(ack.status).toBe(200);

    const inbox = (query: string) => `${product.url}/#/alerts?year=2020&department=sc-ybj&status=all${query}`;
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}${inbox('&asOf=2020-06-30').slice(product.url.length + 1)}`);
    try {
      const card = page.locator(`li.alert-card[data-alert="${target.id}"]`);
      await card.waitFor({ timeout: 20_000 });
      expect(await card.getAttribute('data-status')).toBe('acknowledged');
      expect(await page.locator('li.alert-card').count()).toBe(june.length);
      // 截至 alone narrows the inbox to earlier checkpoints and stays actionable (bulk acknowledge, no read-only note)
      expect(await page.getByTestId('past-view').count()).toBe(0);
      expect(await page.locator('button.bulk-ack').count()).toBe(1);

      // As known before the acknowledgement: the card is open again, and the inbox is a read-only record
      await page.goto(inbox(`&asOf=2020-06-30&knownAt=${encodeURIComponent(beforeAck)}`));
      await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('open');
      expect(await card.getByTestId('alert-status').textContent()).toBe('待处理');
      expect(await page.getByTestId('past-view').count()).toBe(1);
      expect(await card.locator('button.ack').count()).toBe(0);

      await page.goto(inbox(`&knownAt=${encodeURIComponent(startedAt)}`));
      await page.getByText('没有符合条件的预警。').waitFor({ timeout: 20_000 });

      // Latest view: every checkpoint's alerts, the acknowledged card among them
      await page.goto(inbox(''));
      await expect.poll(() => page.locator('li.alert-card').count(), { timeout: 20_000 }).toBeGreaterThan(june.length);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('browser: the department page counts the alerts of its view, and its scores are those of the view', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/departments/sc-ybj?year=2020&asOf=2020-06-30`);
    try {
      await departmentRendered(page);
      const cp = await (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/checkpoints?year=2020&asOf=2020-06-30', { token: admin })).json();
      expect(await page.locator('div.checkpoints caption').textContent()).toContain(`合计得分 ${cp.totalScore}`);
      const active = (await alerts('&asOf=2020-06-30')).alerts.filter((a) => a.status !== 'disposed').length;
      expect(await page.locator('p.alert-banner').textContent()).toContain(`${active} 条预警待处理`);

      await page.goto(`${product.url}/#/departments/sc-ybj?year=2020&knownAt=${encodeURIComponent(startedAt)}`);
      await expect.poll(() => page.locator('p.alert-banner').count(), { timeout: 20_000 }).toBe(0);
      expect(await page.locator('div.checkpoints tbody tr:not(.upcoming)').count()).toBe(0);

      // 部门总览: the score of the last checkpoint of the view (6月 as of 2020-06-30, none before it)
      await page.goto(`${product.url}/#/?year=2020&asOf=2020-06-30`);
      await expect.poll(() => page.locator('li[data-department="sc-ybj"] .dept-meta').textContent(), { timeout: 20_000 }).toContain('检查点');
      await page.goto(`${product.url}/#/?year=2020&asOf=2020-05-31`);
      await expect.poll(() => page.locator('li[data-department="sc-ybj"] .dept-meta').textContent(), { timeout: 20_000 }).toContain('尚无已到期检查点');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
