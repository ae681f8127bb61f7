import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';

const xmlText = (xml: string) => xml.replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, '').replace(/<w:tab\/>|<\/w:p>|<\/si>|<\/c>/g, ' ').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"');

/** The text a reader sees in a rendered document: PDF via pdftotext, DOCX / XLSX from their XML parts, HTML without tags. */
export async function documentText(format: string, body: Buffer): Promise<string> {
  if (format === 'pdf') {
    const file = join(mkdtempSync(join(tmpdir(), 'bem-text-')), 'doc.pdf');
    writeFileSync(file, body);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  }
  if (format === 'docx' || format === 'xlsx') {
    const zip = await JSZip.loadAsync(body);
    const parts = Object.keys(zip.files).filter((name) => (format === 'docx' ? /^word\/(document|footer\d*|header\d*)\.xml$/ : /^xl\/(sharedStrings|worksheets\/sheet\d+|workbook)\.xml$/).test(name));
    const texts = await Promise.all(parts.map(async (name) => {
      const xml = await zip.file(name)!.async('string');
      // sheet names are text a reader sees; formulas, styles and number formats are not
      return name.endsWith('workbook.xml') ? [...xml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]).join(' ') : xmlText(xml.replace(/<f>[^<]*<\/f>/g, ''));
    }));
    return texts.join('\n');
  }
  if (format === 'html') return xmlText(body.toString('utf8').replace(/<style>[\s\S]*?<\/style>/, '').replace(/<title>[\s\S]*?<\/title>/, ''));
  // Markdown carries ledger text as entities (a viewer shows them as the characters)
  return body.toString('utf8').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A DOCX or XLSX printed by LibreOffice (headless, a private profile, one conversion at a time): the PDF's
 * page count and text. Proves the file opens without repair and what it prints.
 */
export function libreOfficePdf(file: string): { pages: number; text: string; firstPageSize: [number, number] } {
  const outDir = mkdtempSync(join(tmpdir(), 'bem-lo-out-'));
  const profile = mkdtempSync(join(tmpdir(), 'bem-lo-profile-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, file], { stdio: 'pipe', timeout: 120_000 });
  const pdf = join(outDir, readdirSync(outDir).find((f) => f.endsWith('.pdf')) ?? `${basename(file)}.pdf`);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
    text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }),
    firstPageSize: [Math.round(Number(size[1])), Math.round(Number(size[2]))],
  };
}

export const readBody = (file: string) => readFileSync(file);
