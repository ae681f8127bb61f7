import { todayInChina } from '@bem/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken, startProduct } from '../support/product';
import { departmentRendered, launchBrowser, openPage } from '../web/support/browser';

/** `npm start` on an empty store seeds, beside the 2020 history, the current fiscal year (dates up to the start date). */
describe('the demo shows a current year (npm start)', () => {
  let product: StartedProduct;
  let browser: Browser;
  let admin: string;
  let clerk: string;
  const today = todayInChina();
  const year = Number(today.slice(0, 4));

  beforeAll(async () => {
    product = await startProduct();
    admin = await productToken(product);
    clerk = await productToken(product, 'clerk', 'sc-ybj');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('a first-time clerk\'s payment on a demo project of the current year is accepted and counted', async () => {
    const projectId = `sc-${year}-platform`;
    const before = (await http(product.url, 'GET', `/api/v1/projects/${projectId}/available`, { token: clerk })).json();
    expect(before.status).toBe('open');
    expect(Number(before.available)).toBeGreaterThan(1000);
    const paid = await http(product.url, 'POST', '/api/v1/commands', {
      token: clerk,
      body: { command: 'RecordPayment', id: `first-${Date.now()}`, projectId, paymentId: `first-pay-${Date.now()}`, occurredOn: today, amount: '1000.00' },
    });
    expect(paid.status, paid.text()).toBe(201);
    const after = (await http(product.url, 'GET', `/api/v1/projects/${projectId}/available`, { token: clerk })).json();
    expect(after.paid).toBe((BigInt(before.paid.replace('.', '')) + 100_000n).toString().replace(/(\d{2})$/, '.$1'));
  });

  it('the department page of the current year shows progress against 序时进度 and its checkpoints', async () => {
    const progress = (await http(product.url, 'GET', `/api/v1/departments/sc-ybj/progress?year=${year}`, { token: admin })).json();
    expect(progress.projects.length).toBe(4);
    expect(Number(progress.executionRate)).toBeGreaterThan(0);
    const me = (await http(product.url, 'GET', '/api/v1/me', { token: admin })).json();
    expect(me.defaultYear).toBe(year);
    expect(me.years).toEqual(expect.arrayContaining([year, 2020]));
    // 部门总览: the department's checkpoint under its own 监控方案 (川财绩〔2025〕10号), unless the view names another
    const overview = (await http(product.url, 'GET', `/api/v1/departments?year=${year}`, { token: admin })).json();
    expect(overview.departments.find((d: { code: string }) => d.code === 'sc-ybj').profile.name).toBe('sichuan-2025');
    const named = (await http(product.url, 'GET', `/api/v1/departments?year=${year}&profile=national`, { token: admin })).json();
    expect(named.departments.find((d: { code: string }) => d.code === 'sc-ybj').profile.name).toBe('national');

    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/departments/sc-ybj?year=${year}`);
    try {
      await departmentRendered(page);
      expect(await page.locator('table.projects tbody tr').count()).toBe(4);
      expect(await page.getByTestId('execution-rate').textContent()).toBe(`${progress.executionRate}%`);
      expect(await page.locator('.kpi-wide .kpi-sub').textContent()).toMatch(/序时进度 \d+\.\d{2}%/);
      const checkpoints = page.locator('div.checkpoints tbody tr');
      expect(await checkpoints.count()).toBeGreaterThanOrEqual(1);
      expect(await page.locator('div.checkpoints caption').textContent()).toContain('四川省 2025');
      if (process.env.BEM_SCREENSHOTS) await page.screenshot({ path: `${process.env.BEM_SCREENSHOTS}/demo-current-year.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
