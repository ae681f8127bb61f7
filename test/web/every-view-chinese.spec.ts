import { todayInChina } from '@bem/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latinWords } from '../support/chinese-only';
import { foreignDates } from '../support/date-format';
import { type StartedProduct } from '../support/product';
import { startDashboard, stopDashboard } from './support/started-dashboard';
import { openPage } from './support/browser';


/**
 * Every view of the dashboard, as an admin reads it (the demo: 2020 history and the current year): no Latin words
 * (test/support/chinese-only.ts), one date format, amounts grouped with 2 decimals. Screenshots when BEM_SCREENSHOTS
 * names a folder.
 */
describe('every dashboard view is Chinese with one date format (npm start, chromium)', () => {
  let product: StartedProduct;
  let browser: Browser;
  let admin: string;
  const year = Number(todayInChina().slice(0, 4));

  beforeAll(async () => {
    ({ product, browser, admin } = await startDashboard());
  }, 120_000);
  afterAll(() => stopDashboard(product, browser));

  const views: [name: string, hash: string, ready: string][] = [
    ['overview', `#/?year=2020`, 'li.dept-row'],
    ['overview-current', `#/?year=${year}`, 'li.dept-row'],
    ['department-2020', '#/departments/sc-ybj?year=2020', 'div.checkpoints table'],
    ['department-current', `#/departments/sc-ybj?year=${year}`, 'div.checkpoints table'],
    ['department-as-of', '#/departments/sc-ybj?year=2020&asOf=2020-06-30&knownAt=2030-01-01T00:00:00.000Z', 'div.checkpoints table'],
    ['project', '#/projects/sc-2020-capacity', 'table'],
    ['project-current', `#/projects/sc-${year}-platform`, 'table'],
    ['region', '#/regions/sc-ybj?year=2020', 'table'],
    ['inbox', '#/alerts?year=2020&status=all', 'li.alert-card'],
    ['inbox-current', `#/alerts?year=${year}&status=all`, 'li.alert-card'],
    ['inbox-grouped', '#/alerts?year=2020&status=all&group=project', 'section.alert-group'],
    ['import', '#/import', 'form'],
    ['tokens', '#/admin/tokens', 'table'],
  ];

  const visible = async (page: Page) => page.locator('body').innerText();
  /** The names of the file formats in the document panels' format picker: what an office calls those files. */
  const FILE_FORMATS = ['Markdown', 'JSON', 'Word', 'DOCX', 'Excel', 'XLSX', 'PDF'];

  it('no Latin word and no other date format on any view', async () => {
    const { page, errors, close } = await openPage(browser, `${product.url}/?token=${admin}#/`);
    const found: Record<string, { latin: string[]; dates: string[] }> = {};
    try {
      await page.locator('li.dept-row').first().waitFor({ timeout: 20_000 });
      for (const [name, hash, ready] of views) {
        await page.goto(`${product.url}/${hash}`);
        await page.locator(`#view ${ready}`).first().waitFor({ timeout: 20_000 });
        // Open every folded panel: what it holds is read too
        await page.locator('#view details').evaluateAll((panels) => panels.forEach((panel) => ((panel as unknown as { open: boolean }).open = true)));
        await page.waitForTimeout(500);
        const text = await visible(page);
        const latin = latinWords(text, FILE_FORMATS);
        const dates = foreignDates(text);
        if (latin.length || dates.length) found[name] = { latin, dates };
        if (process.env.BEM_SCREENSHOTS) await page.screenshot({ path: `${process.env.BEM_SCREENSHOTS}/view-${name}.png`, fullPage: true });
      }
      expect(found).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);

  it('the sign-in page too', async () => {
    const { page, close } = await openPage(browser, `${product.url}/`);
    try {
      await page.locator('form.login').waitFor();
      expect(latinWords(await visible(page))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('inbox cards line their figures up: every figure\'s label sits above its value, on one grid per finding', async () => {
    const { page, close } = await openPage(browser, `${product.url}/?token=${admin}#/alerts?year=2020&status=all`);
    try {
      await page.locator('li.alert-card').first().waitFor({ timeout: 20_000 });
      const figures = page.locator('dl.figures > div.figure');
      expect(await figures.count()).toBeGreaterThan(0);
      const misplaced = await page.locator('dl.figures').evaluateAll((lists) =>
        lists.flatMap((list) => Array.from(list.children).flatMap((item) => {
          const term = item.querySelector('dt')?.getBoundingClientRect();
          const value = item.querySelector('dd')?.getBoundingClientRect();
          return term && value && Math.abs(term.left - value.left) < 1 && value.top >= term.bottom - 1 ? [] : [item.textContent ?? ''];
        })));
      expect(misplaced).toEqual([]);
      // A rate's threshold reads as a rate: 年末预计执行不足's 阈值 is "90%", not a bare 90
      const thresholds = await page.locator('li[data-rule="yearEndForecast"] [data-figure="threshold"] dd').allTextContents();
      expect(thresholds.length).toBeGreaterThan(0);
      expect(thresholds.every((text) => /^\d+(\.\d+)?%$/.test(text))).toBe(true);
      if (process.env.BEM_SCREENSHOTS) {
        const several = page.locator('li.alert-card').filter({ has: page.locator('ul.findings > li:nth-child(3)') }).first();
        await several.screenshot({ path: `${process.env.BEM_SCREENSHOTS}/inbox-card-several-rules.png` });
      }
    } finally {
      await close();
    }
  });
});
