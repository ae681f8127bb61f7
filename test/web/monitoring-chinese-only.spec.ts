import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latinWords } from '../support/chinese-only';
import { type StartedProduct, http } from '../support/product';
import { startDashboard, stopDashboard } from './support/started-dashboard';
import { departmentRendered, openPage } from './support/browser';


/** What a manager reads in the monitoring views is Chinese: the inbox (a refused overspend included) and the checkpoint table. */
describe('monitoring views in Chinese (npm start, chromium)', () => {
  let product: StartedProduct;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    ({ product, browser, admin } = await startDashboard());
  }, 120_000);
  afterAll(() => stopDashboard(product, browser));

  it('the alert inbox and the department checkpoint table carry no Latin words', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/alerts?year=2020&status=all`);
    try {
      await page.locator('li.alert-card').first().waitFor();
      expect(latinWords(await page.locator('#view').innerText())).toEqual([]);
      await page.goto(`${product.url}/#/departments/sc-ybj?year=2020`);
      await departmentRendered(page);
      await page.locator('div.checkpoints table').waitFor();
      expect(latinWords(await page.locator('div.checkpoints').innerText())).toEqual([]);
      expect(latinWords(await page.locator('select[name="profile"]').innerText())).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('the card of a refused overspend is Chinese with formatted amounts', async () => {
    const available = (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/progress?year=2020', { token: admin })).json();
    expect(available.department.code).toBe('sc-ybj');
    const alerts = (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/alerts?year=2020&rule=overspendAttempt', { token: admin })).json();
    for (const alert of alerts.alerts) expect(latinWords(alert.message.zh)).toEqual([]);
  });
});
