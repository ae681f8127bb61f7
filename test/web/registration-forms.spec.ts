import { todayInChina } from '@bem/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken, startProduct } from '../support/product';
import { departmentRendered, launchBrowser, openPage } from './support/browser';

/**
 * Registration in the dashboard (npm start, chromium): an admin registers a department under sc-ybj, its clerk
 * registers a project with its 年初预算, records a payment and sees it in the progress table.
 */
describe('registering a department and a project in the dashboard', () => {
  let product: StartedProduct;
  let browser: Browser;
  let admin: string;
  let clerk: string;
  const year = Number(todayInChina().slice(0, 4));

  beforeAll(async () => {
    product = await startProduct();
    admin = await productToken(product);
    clerk = await productToken(product, 'clerk', 'web-dept');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('department, project with budget, payment, progress; bad input answered in Chinese at the field', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/?year=${year}`);
    try {
      const panel = page.getByTestId('register-department');
      await panel.locator('summary').click();
      const form = panel.locator('form[data-form="register-department"]');
      // Browser-side validation (the domain's schema): nothing is sent
      await form.locator('input[name="departmentCode"]').fill('web-dept');
      await form.locator('button[type="submit"]').click();
      await expect.poll(() => form.locator('[data-error-for="name"]').textContent()).toMatch(/部门名称不能为空/);
      await form.locator('input[name="name"]').fill('网页登记局');
      // The server's refusal: the code is taken
      await form.locator('input[name="departmentCode"]').fill('sc-ybj');
      await form.locator('button[type="submit"]').click();
      await expect.poll(() => form.locator('.form-error').textContent(), { timeout: 10_000 }).toMatch(/[\u4e00-\u9fff]/);
      expect((await http(product.url, 'GET', '/api/v1/departments/web-dept/progress?year=' + year, { token: admin })).status).toBe(404);

      await form.locator('input[name="departmentCode"]').fill('web-dept');
      await form.locator('select[name="level"]').selectOption('city');
      await form.locator('select[name="parentCode"]').selectOption('sc-ybj');
      await form.locator('button[type="submit"]').click();
      await page.locator('li[data-department="web-dept"]').waitFor({ timeout: 20_000 });
      expect(await page.locator('li[data-department="web-dept"] .dept-name').textContent()).toBe('网页登记局');
      // the browser logs the refused request (409) it was meant to make; nothing else
      expect(errors.filter((error) => !error.includes('409'))).toEqual([]);
    } finally {
      await close();
    }

    const clerkPage = await openPage(browser, `${product.url}/?token=${clerk}#/departments/web-dept?year=${year}`);
    try {
      const { page } = clerkPage;
      await departmentRendered(page);
      expect(await page.getByTestId('profile-assignment').textContent()).toContain('方案由管理员指定');
      const form = page.locator('form[data-form="register-project"]');
      await form.waitFor();
      await form.locator('input[name="projectId"]').fill('web-p1');
      await form.locator('input[name="name"]').fill('信息化建设');
      await form.locator('input[name="amount"]').fill('12.345');
      await form.locator('button[type="submit"]').click();
      await expect.poll(() => form.locator('[data-error-for="amount"]').textContent()).not.toBe('');
      await form.locator('input[name="amount"]').fill('100000.00');
      const rendered = Number(await page.locator('#view').getAttribute('data-rendered'));
      await form.locator('button[type="submit"]').click();
      await departmentRendered(page, rendered);
      const row = page.locator('tr[data-project="web-p1"]');
      await row.waitFor();
      expect(await row.locator('th').textContent()).toBe('信息化建设');

      const payment = page.locator('form[data-form="payment"]');
      await payment.locator('input[name="amount"]').fill('2500.00');
      await payment.locator('button[type="submit"]').click();
      await expect.poll(() => row.locator('[data-col="rate"]').textContent(), { timeout: 20_000 }).toBe('2.50%');
      expect(await row.locator('[data-col="paid"]').textContent()).toBe('0.25');
      const progress = (await http(product.url, 'GET', `/api/v1/projects/web-p1/progress`, { token: clerk })).json();
      expect([progress.budgetCurrent, progress.paid]).toEqual(['100000.00', '2500.00']);
      const tree = (await http(product.url, 'GET', `/api/v1/departments/sc-ybj/progress?year=${year}&scope=region`, { token: admin })).json();
      expect(tree.units.map((unit: { code: string }) => unit.code)).toContain('web-dept');
      if (process.env.BEM_SCREENSHOTS) await page.screenshot({ path: `${process.env.BEM_SCREENSHOTS}/registered-department.png`, fullPage: true });
      expect(clerkPage.errors).toEqual([]);
    } finally {
      await clerkPage.close();
    }
  }, 180_000);
});
