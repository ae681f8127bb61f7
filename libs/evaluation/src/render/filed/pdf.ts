import { existsSync } from 'node:fs';
import type { FiledDocument } from '../filed-document';
import { renderFiledHtml } from './html';

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Chromium to print with: $BEM_CHROMIUM, else Debian's /usr/bin/chromium. */
export const chromiumPath = (): string => process.env.BEM_CHROMIUM ?? '/usr/bin/chromium';

/** 公文 page numbers: "— 1 —" centred in the footer, in the body font. */
const FOOTER = `<div style="width:100%;text-align:center;font-size:10pt;font-family:'Noto Serif CJK SC',serif;color:#000">— <span class="pageNumber"></span> —</div>`;

/** PDF: the document's HTML printed by headless Chromium; the page size and margins come from its @page rules. */
export async function renderFiledPdf(doc: FiledDocument): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new Error(`生成PDF需要Chromium：未找到 ${executablePath}（请安装chromium与fonts-noto-cjk，或设置BEM_CHROMIUM）`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(renderFiledHtml(doc), { waitUntil: 'load' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: FOOTER });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
