import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken, startProduct } from '../support/product';
import { departmentRendered, hasChromium, launchBrowser, openPage } from '../web/support/browser';

/** The dashboard shows the server's figures: 序时进度 and the available budget are never re-derived in the page. */
describe('a thin web client, through npm start', () => {
  let product: StartedProduct;
  let token: string;
  let browser: Browser | undefined;
  beforeAll(async () => {
    product = await startProduct();
    token = await productToken(product);
    if (hasChromium) browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('the curve carries 序时进度 at the view date as the checkpoints compute it (41.67 % at 2020-06-15, not 50 %)', async () => {
    const reply = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/curve?year=2020&asOf=2020-06-15', { token });
    expect(reply.status).toBe(200);
    expect(reply.json().elapsedAsOf).toBe('41.67');
  });

  it('the available budget is the payment decision’s figure (budget − paid − allocated − carried − cancelled)', async () => {
    const progress = (await http(product.url, 'GET', '/api/v1/projects/sc-2020-capacity/progress', { token })).json();
    const available = await http(product.url, 'GET', '/api/v1/projects/sc-2020-capacity/available', { token });
    expect(available.status).toBe(200);
    expect(available.json()).toMatchObject({ projectId: 'sc-2020-capacity', budget: progress.budgetCurrent, paid: progress.paid });
    const { budget, paid, allocated, carried, cancelled } = available.json();
    const fen = (s: string) => BigInt(s.replace('.', ''));
    expect(fen(available.json().available)).toBe(fen(budget) - fen(paid) - fen(allocated) - fen(carried) - fen(cancelled));
    expect((await http(product.url, 'GET', '/api/v1/projects/nope/available', { token })).status).toBe(404);
  });

  it.runIf(hasChromium)('the department page shows the server’s 序时进度 for its as-of date', async () => {
    const watched = await openPage(browser!, `${product.url}/?token=${token}#/departments/sc-ybj?year=2020&asOf=2020-06-15`);
    await departmentRendered(watched.page);
    const text = (await watched.page.textContent('#view')) ?? '';
    expect(text).toContain('序时进度 41.67%');
    expect(text).not.toContain('序时进度 50.00%');
    await watched.close();
  });
});
