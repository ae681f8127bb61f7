import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, bem, http, productToken } from '../support/product';
import { startDashboard, stopDashboard } from './support/started-dashboard';
import { departmentRendered, openPage } from './support/browser';


/**
 * The dashboard of `npm start` in a real browser, under the product's Content-Security-Policy: the department view
 * still renders (its own scripts and styles only), and an admin lists, creates and revokes tokens at #/admin/tokens.
 */
describe.skipIf(process.env.BEM_SKIP_BROWSER === '1')('the dashboard of the started product', () => {
  let product: StartedProduct;
  let browser: Browser;
  let admin: string;
  beforeAll(async () => {
    ({ product, browser, admin } = await startDashboard());
  }, 180_000);
  afterAll(() => stopDashboard(product, browser));

  it('renders the department under the CSP, with no console error', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/departments/sc-ybj?year=2020`);
    try {
      await departmentRendered(page);
      expect(await page.locator('canvas').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it('an admin creates a token (shown once), sees it listed without it, and revokes it', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/admin/tokens`);
    try {
      await page.getByRole('heading', { name: '访问令牌管理' }).waitFor({ timeout: 20_000 });
      await page.selectOption('select[name=role]', 'clerk');
      await page.fill('input[name=departments]', 'sc-ybj');
      await page.fill('input[name=label]', '财务科测试');
      await page.fill('input[name=expiresInDays]', '30');
      await page.getByRole('button', { name: '创建' }).click();
      const shown = (await page.locator('code.new-token').textContent({ timeout: 10_000 }))!.trim();
      expect(shown).toMatch(/^bem_/);
      expect((await http(product.url, 'GET', '/api/v1/departments/sc-ybj/progress?year=2020', { token: shown })).status).toBe(200);

      const row = page.locator('tr', { hasText: '财务科测试' });
      await row.waitFor();
      expect(await page.locator('table.tokens').textContent()).not.toContain(shown);
      expect(await row.locator('td.state').textContent()).toBe('有效');
      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: '吊销' }).click();
      // A locator, not a string predicate: the dashboard's CSP forbids eval.
      await page.locator('table.tokens tr', { hasText: '财务科测试' }).filter({ hasText: '已吊销' }).waitFor({ timeout: 10_000 });
      expect((await http(product.url, 'GET', '/api/v1/departments/sc-ybj/progress?year=2020', { token: shown })).status).toBe(401);
      const listed = JSON.parse((await bem(['token', 'list', '--json', '--store', product.store])).stdout) as { label: string | null; revokedAt: string | null }[];
      expect(listed.find((t) => t.label === '财务科测试')!.revokedAt).not.toBeNull();
      expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it('the token routes are for admins only', async () => {
    const clerk = await productToken(product, 'clerk', 'sc-ybj');
    expect((await http(product.url, 'GET', '/api/v1/tokens', { token: clerk })).status).toBe(403);
    expect((await http(product.url, 'POST', '/api/v1/tokens', { token: clerk, body: { role: 'admin', departments: '*' } })).status).toBe(403);
    const list = await http(product.url, 'GET', '/api/v1/tokens', { token: admin });
    expect(list.status).toBe(200);
    expect(list.text()).not.toContain(admin);
    expect((await http(product.url, 'POST', '/api/v1/tokens/tok_0000000000000000/revoke', { token: admin })).status).toBe(404);
  });
});
