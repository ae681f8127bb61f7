import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/cli';
import { type StartedProduct, bem, http, productToken, startProduct, tempDir } from '../support/product';
import { launchBrowser, openPage } from './support/browser';

/** The project page of the started product in a real browser: its 自评表 previewed, a clerk's 自评得分 entered in a form. */
describe.skipIf(process.env.BEM_SKIP_BROWSER === '1')('project page: 项目支出绩效自评表 (npm start, chromium)', () => {
  let product: StartedProduct;
  let browser: Browser;
  let clerk: string;
  beforeAll(async () => {
    const store = join(tempDir('bem-forms-web-'), 'bem.sqlite');
    const imported = await bem(['import', join(FIXTURES, 'sichuan-2020.jsonl'), '--store', store]);
    if (imported.code !== 0) throw new Error(imported.stderr);
    product = await startProduct({ store });
    clerk = await productToken(product, 'clerk', 'sc-ybj');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    product?.stop();
  });

  it('previews the 自评表 and 打分表, then a clerk scores an indicator in the form and the preview shows it', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${clerk}#/projects/sc-2020-capacity?profile=sichuan-2020`);
    try {
      const panel = page.locator('[data-testid="project-evaluation"]');
      await panel.waitFor({ timeout: 30_000 }).catch(async (error) => {
        throw new Error(`${(error as Error).message}\n${await page.locator('body').innerText()}\n${errors.join('\n')}`);
      });
      await panel.locator('select[name="evaluationProfile"]').selectOption('sichuan-2020');
      await panel.locator('select[name="format"]').selectOption('html');
      await panel.getByRole('button', { name: '生成 / 预览' }).click();
      const frame = panel.locator('iframe');
      await frame.waitFor({ timeout: 30_000 });
      const before = (await frame.getAttribute('srcdoc')) ?? '';
      expect(before).toContain('项目支出绩效自评表');
      expect(before).toContain('四川省医疗保障局部门预算项目自评打分表');
      expect(before).toContain('93.48');
      expect(before).toContain('按评分标准复核为 93.27');

      const form = page.locator('form[data-form="score"]');
      // The view may re-render once after its first data (the tabs start again at 支付): click until the form shows.
      for (let attempt = 0; attempt < 5 && !(await form.count()); attempt++) {
        await page.locator('button[data-form="score"]').click();
        await form.waitFor({ timeout: 3_000 }).catch(() => undefined);
      }
      await form.locator('select[name="indicatorId"] option[value="capacity-i11"]').waitFor({ state: 'attached', timeout: 15_000 }).catch(async (error) => {
        throw new Error(`${(error as Error).message}\n${await page.locator('section.entry').innerHTML().catch(() => 'no entry panel')}\n${errors.join('\n')}`);
      });
      await form.locator('select[name="indicatorId"]').selectOption('capacity-i11');
      await form.locator('input[name="score"]').fill('5');
      await form.locator('input[name="reason"]').fill('药品目录调整到位');
      await form.locator('button[type="submit"]').click();
      await form.locator('.form-info', { hasText: '已记录' }).waitFor({ timeout: 20_000 });

      await panel.getByRole('button', { name: '生成 / 预览' }).click();
      // Polled through a locator, not a string predicate: the dashboard's CSP forbids eval.
      await expect.poll(async () => (await page.locator('[data-testid="project-evaluation"] iframe').getAttribute('srcdoc')) ?? '', { timeout: 20_000 }).toContain('94.48');
      const api = (await http(product.url, 'GET', '/api/v1/projects/sc-2020-capacity/evaluation?profile=sichuan-2020', { token: clerk })).json();
      expect(api).toMatchObject({ totalScore: '94.27', officeTotalScore: '94.48' });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
