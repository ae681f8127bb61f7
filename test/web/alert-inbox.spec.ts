/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken, startProduct } from '../support/product';
import { launchBrowser, openPage } from './support/browser';

/** The dashboard inbox of the started product (demo: sc-ybj 2020 under sichuan-2020) in a real browser. */
describe('alert inbox in the browser: tabs with counts, filters, search, grouping, bulk acknowledge', () => {
  let product: StartedProduct;
  let browser: Browser;
  let manager: string;
  const api = async (query: string) => (await http(product.url, 'GET', `/api/v1/departments/sc-ybj/alerts?year=2020${query}`, { token: manager })).json();

  beforeAll(async () => {
    product = await startProduct();
    manager = await productToken(product, 'manager', 'sc-ybj');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('filters by severity and rule, searches by project name, groups by project, bulk-acknowledges', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${manager}#/alerts?year=2020&department=sc-ybj`);
    try {
      await page.locator('li.alert-card').first().waitFor();
      const all = await api('&status=open,acknowledged,overdue');
      expect(await page.locator('li.alert-card').count()).toBe(all.total);
      expect(await page.locator('[data-tab="active"]').textContent()).toBe(`待办 ${all.total}`);
      // A card lists every rule its project breaks at the checkpoint
      const multi = all.alerts.find((a: { rules: unknown[] }) => a.rules.length > 1);
      expect(await page.locator(`li[data-alert="${multi.id}"] ul.findings > li`).count()).toBe(multi.rules.length);

      await page.locator('select[name="severity"]').selectOption('yellow');
      await page.waitForFunction(() => location.hash.includes('severity=yellow'));
      const yellow = await api('&status=open,acknowledged,overdue&severity=yellow');
      await page.waitForFunction((n) => document.querySelectorAll('li.alert-card').length === n, yellow.total);
      expect(await page.locator('li.alert-card.severity-red').count()).toBe(0);
      await page.locator('select[name="severity"]').selectOption('');

      const named = all.alerts.find((a: { projectName: string | null }) => a.projectName);
      await page.locator('input[name="q"]').fill(named.projectName);
      await page.locator('form.inbox-filters button[type="submit"]').click();
      const found = await api(`&status=open,acknowledged,overdue&q=${encodeURIComponent(named.projectName)}`);
      await page.waitForFunction((n) => document.querySelectorAll('li.alert-card').length === n && location.hash.includes('q='), found.total);
      expect(await page.locator('[data-testid="alert-total"]').textContent()).toContain(`共 ${found.total} 条`);
      await page.locator('input[name="q"]').fill('');
      await page.locator('form.inbox-filters button[type="submit"]').click();
      await page.waitForFunction(() => !location.hash.includes('q='));

      await page.locator('input[name="group"]').check();
      await page.locator('section.alert-group').first().waitFor();
      const grouped = await api('&status=open,acknowledged,overdue&groupBy=project');
      expect(await page.locator('section.alert-group').count()).toBe(grouped.groupTotal);
      await page.locator('input[name="group"]').uncheck();
      await page.waitForFunction(() => !document.querySelector('section.alert-group'));

      const picks = page.locator('li.alert-card input.pick');
      const ids = [await page.locator('li.alert-card').nth(0).getAttribute('data-alert'), await page.locator('li.alert-card').nth(1).getAttribute('data-alert')];
      await picks.nth(0).check();
      await picks.nth(1).check();
      expect(await page.locator('button.bulk-ack').textContent()).toBe('批量确认（2 条）');
      await page.locator('button.bulk-ack').click();
      for (const id of ids) await page.locator(`li[data-alert="${id}"][data-status="acknowledged"]`).waitFor();
      expect((await api('&status=acknowledged')).total).toBe(2);
      expect(await page.locator('[data-tab="acknowledged"]').textContent()).toBe('已确认 2');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
