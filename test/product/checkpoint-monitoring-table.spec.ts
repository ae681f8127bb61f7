import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken, startProduct } from '../support/product';
import { hasChromium, launchBrowser, openPage } from '../web/support/browser';

/**
 * Issue 15.3 through the started product (demo store, whose first start evaluates the 2020 checkpoints): the
 * 监控表 of the latest recorded checkpoint is served at its date with the checkpoint's own figures, and the
 * department page links it.
 */
describe('the 监控表 of a recorded checkpoint (npm start, demo store)', () => {
  let product: StartedProduct;
  let admin: string;
  let browser: Browser | null = null;
  beforeAll(async () => {
    product = await startProduct();
    admin = await productToken(product);
    if (hasChromium && process.env.BEM_SKIP_BROWSER !== '1') browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('GET monitoring?asOf=<checkpoint date> gives, per project, the 执行数 the checkpoint recorded, in every format', async () => {
    const report = (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/checkpoints?year=2020', { token: admin })).json();
    const latest = report.checkpoints.at(-1);
    expect(latest.date).toBe('2020-11-30');
    const table = await http(product.url, 'GET', `/api/v1/departments/sc-ybj/monitoring?year=2020&asOf=${latest.date}&format=json`, { token: admin });
    expect(table.status).toBe(200);
    const doc = table.json();
    expect(doc.asOf).toBe(latest.date);
    expect(doc.projects.length).toBeGreaterThan(0);
    const recorded = new Map<string, string>(report.projects.filter((row: { date: string }) => row.date === latest.date).map((row: { projectId: string; paid: string }) => [row.projectId, row.paid]));
    for (const project of doc.projects as { projectId: string; funds: { row: string; executed: string | null }[] }[]) {
      const executed = project.funds.find((row) => row.row === 'total')?.executed ?? '0.00';
      expect([project.projectId, executed]).toEqual([project.projectId, recorded.get(project.projectId)]);
    }
    const docx = await http(product.url, 'GET', `/api/v1/departments/sc-ybj/monitoring?year=2020&asOf=${latest.date}&format=docx`, { token: admin });
    expect(docx.status).toBe(200);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
  });

  it.skipIf(!hasChromium || process.env.BEM_SKIP_BROWSER === '1')('the department page links the 监控表 of the latest recorded checkpoint', async () => {
    const { page, errors, close } = await openPage(browser as Browser, `${product.url}/?token=${admin}#/departments/sc-ybj?year=2020`);
    try {
      const panel = page.locator('[data-testid="monitoring-forms"]');
      await panel.waitFor({ timeout: 30_000 }).catch(async (error) => {
        throw new Error(`${(error as Error).message}\n${errors.join('\n')}`);
      });
      await expect.poll(async () => panel.innerText(), { timeout: 15_000 }).toContain('最近检查点 2020-11-30');
      expect(await panel.locator('input[name="monitoringAsOf"]').inputValue()).toBe('2020-11-30');
    } finally {
      await close();
    }
  });
});
