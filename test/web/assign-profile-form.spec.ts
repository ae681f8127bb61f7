import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken } from '../support/product';
import { startDashboard, stopDashboard } from './support/started-dashboard';
import { departmentRendered, openPage } from './support/browser';


/** 方案指定 on the department page (npm start, chromium): an admin picks the profiles, everyone else reads them. */
describe('the admin assigns the 监控方案 / 评价方案 of a department-year in the dashboard', () => {
  let product: StartedProduct;
  let browser: Browser;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    ({ product, browser, admin } = await startDashboard());
    manager = await productToken(product, 'manager', 'sc-ybj');
  }, 120_000);
  afterAll(() => stopDashboard(product, browser));

  it('admin: sees the current profiles in Chinese, picks 全国通用 from the known ones; the page follows', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/departments/sc-ybj?year=2020`);
    try {
      await departmentRendered(page);
      const panel = page.getByTestId('profile-assignment');
      expect(await panel.getByTestId('current-monitoring').textContent()).toMatch(/^四川省 2020/);
      expect(await panel.getByTestId('current-evaluation').textContent()).toMatch(/^四川省\s?2020/);
      const monitoring = panel.locator('select[name="monitoring"]');
      const options = await monitoring.locator('option').allTextContents();
      expect(options.length).toBe(3);
      expect(options.every((title) => /[\u4e00-\u9fff]/.test(title) && !/[A-Za-z]{3,}/.test(title))).toBe(true);
      expect(await monitoring.inputValue()).toBe('sichuan-2020');

      const rendered = Number(await page.locator('#view').getAttribute('data-rendered'));
      await monitoring.selectOption('national');
      await panel.locator('button[type="submit"]').click();
      await departmentRendered(page, rendered);
      await expect.poll(() => page.getByTestId('current-monitoring').textContent(), { timeout: 20_000 }).toMatch(/^全国通用监控方案/);
      expect(await page.locator('div.checkpoints caption').textContent()).toContain('全国通用监控方案');
      expect(await page.locator('select[name="profile"]').inputValue()).toBe('national');
      // The evaluation profile stayed as it was (the form sends both, unchanged fields included)
      expect(await page.getByTestId('current-evaluation').textContent()).toMatch(/^四川省\s?2020/);
      const assignment = (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/profiles?year=2020', { token: admin })).json();
      expect(assignment).toMatchObject({ assigned: true, monitoring: { name: 'national' }, evaluation: { name: 'sichuan-2020' } });
      if (process.env.BEM_SCREENSHOTS) await page.getByTestId('profile-assignment').screenshot({ path: `${process.env.BEM_SCREENSHOTS}/profile-assignment-admin.png` });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('manager: reads the profiles, no form', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${manager}#/departments/sc-ybj?year=2020`);
    try {
      await departmentRendered(page);
      const panel = page.getByTestId('profile-assignment');
      expect(await panel.getByTestId('current-monitoring').textContent()).toMatch(/[\u4e00-\u9fff]/);
      expect(await panel.locator('select').count()).toBe(0);
      expect(await panel.textContent()).toContain('方案由管理员指定');
      const refused = await http(product.url, 'POST', '/api/v1/commands', { token: manager, body: { command: 'AssignProfile', id: 'm-assign', departmentCode: 'sc-ybj', fiscalYear: 2020, monitoring: 'national' } });
      expect(refused.status).toBe(403);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
