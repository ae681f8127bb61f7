import { existsSync } from 'node:fs';
import type { EvaluationReport } from '../model/report';
import { renderHtml } from './html';

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Chromium to print with: $BEM_CHROMIUM, else Debian's /usr/bin/chromium. */
export const chromiumPath = (): string => process.env.BEM_CHROMIUM ?? '/usr/bin/chromium';

/** PDF: the HTML printed by headless Chromium (CJK through the system's Noto CJK fonts). */
export async function renderPdf(report: EvaluationReport): Promise<Buffer> {
  return htmlToPdf(renderHtml(report));
}

/** Any HTML page printed to PDF by headless Chromium (A4 landscape, as the report). */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new Error(`PDF 需要 Chromium：未找到 ${executablePath}（apt-get install chromium fonts-noto-cjk，或设置 BEM_CHROMIUM）`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
