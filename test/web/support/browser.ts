import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';

export const CHROMIUM = process.env.BEM_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

export interface WatchedPage {
  page: Page;
  /** console errors and uncaught page errors */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh context (own sessionStorage) and page, recording every console error and page error. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1366, height: 768 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** Waits until the department view has rendered (data, table and charts). */
export async function departmentRendered(page: Page, after = 0): Promise<void> {
  // A function, not a string: the dashboard's CSP forbids eval. This file is compiled without the DOM library.
  await page.waitForFunction(
    (min) => Number((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('#view')?.getAttribute('data-rendered') ?? 0) > min,
    Number(after),
    { timeout: 20_000 },
  );
}
