import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { expect } from 'vitest';
import type { HttpReply } from '../../support/product';

export const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
} as const;
export type DownloadFormat = keyof typeof CONTENT_TYPES;

/** The file name a download carries in `filename*` (RFC 5987, UTF-8). */
export function downloadName(reply: HttpReply): string {
  const disposition = reply.headers.get('content-disposition') ?? '';
  expect(disposition).toMatch(/^attachment;/);
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  expect(match, disposition).not.toBeNull();
  return decodeURIComponent(match![1]);
}

/** The text a downloaded document shows: the zip's main part, pdftotext's output, or the text itself. */
export async function documentText(format: DownloadFormat, body: Buffer): Promise<string> {
  if (format === 'docx' || format === 'xlsx') {
    const zip = await JSZip.loadAsync(body);
    const main = format === 'docx' ? 'word/document.xml' : 'xl/workbook.xml';
    expect(zip.file(main), `${format} has ${main}`).not.toBeNull();
    if (format === 'docx') return zip.file(main)!.async('string');
    const strings = zip.file('xl/sharedStrings.xml');
    return strings ? strings.async('string') : '';
  }
  if (format === 'pdf') {
    expect(body.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const file = join(mkdtempSync(join(tmpdir(), 'bem-pdf-')), 'document.pdf');
    writeFileSync(file, body);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }
  return body.toString('utf8');
}
