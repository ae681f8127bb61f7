import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http } from '../support/product';
import { startDashboard, stopDashboard } from './support/started-dashboard';
import { openPage } from './support/browser';


/** The year-end 自评 as known at an instant: only the events recorded by then (npm start, chromium). */
describe('the 自评 honours known-at (npm start, chromium)', () => {
  let product: StartedProduct;
  let browser: Browser;
  let admin: string;
  beforeAll(async () => {
    ({ product, browser, admin } = await startDashboard());
  }, 120_000);
  afterAll(() => stopDashboard(product, browser));

  const evaluation = async (query: string) =>
    (await http(product.url, 'GET', `/api/v1/departments/sc-ybj/evaluation?year=2020${query}`, { token: admin })).json();
  const text = '按当时登记测试：绩效自评文字';

  it('API: as known before a text was recorded, the answer stays the one of then; the text is in the current one', async () => {
    const knownAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = await evaluation(`&knownAt=${encodeURIComponent(knownAt)}`);
    const set = await http(product.url, 'POST', '/api/v1/commands', { token: admin, body: { command: 'SetDepartmentText', id: 'ye-text-1', departmentCode: 'sc-ybj', fiscalYear: 2020, section: '备注', text } });
    expect(set.status).toBeLessThan(300);
    const now = await evaluation('');
    expect(JSON.stringify(now.narrative)).toContain(text);
    const past = await evaluation(`&knownAt=${encodeURIComponent(knownAt)}`);
    expect(JSON.stringify(past.narrative)).not.toContain(text);
    // the same instant read after the text was recorded answers exactly what it answered before
    expect(past).toEqual(before);
    expect(past.view.knownAt).toBe(knownAt);
  });

  it('API: as known before the department was registered, no report of a code and empty figures but 404 saying so', async () => {
    const answer = await http(product.url, 'GET', `/api/v1/departments/sc-ybj/evaluation?year=2020&format=pdf&knownAt=2021-01-01T00:00:00Z`, { token: admin });
    expect(answer.status).toBe(404);
    expect(answer.text()).toContain('部门 sc-ybj 在 2021-01-01T00:00:00.000Z 时尚未登记');
  });

  it('browser: the department page as known at a date says so, carries knownAt to the 自评 and has no edit forms', async () => {
    const knownAt = '2021-01-01T00:00:00.000Z';
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/departments/sc-ybj?year=2020&knownAt=${encodeURIComponent(knownAt)}`);
    try {
      const panel = page.getByTestId('department-evaluation');
      await panel.waitFor({ timeout: 30_000 });
      expect(await panel.locator('summary').textContent()).toContain('时登记');
      expect(await page.getByTestId('past-view').count()).toBe(1);
      const forms = await page.locator('form').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid') ?? node.className ?? node.outerHTML.slice(0, 80)));
      expect(forms).toEqual([]);
      await page.screenshot({ path: '/tmp/ye-evaluation.png', fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
