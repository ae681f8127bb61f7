import { StreamableFile } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import type { Rendered } from '@bem/evaluation';

/** What an office calls each filed document, for the name of the downloaded file. */
export const DOCUMENT_TITLES = {
  evaluation: '部门整体支出绩效自评报告',
  program: '转移支付区域绩效自评表',
  projectEvaluation: '项目支出绩效自评表',
  monitoring: '项目支出绩效目标执行监控表',
} as const;

/** `<code>-<year>年度<title>.<ext>`: Chinese file names that stay readable in any browser's download bar. */
export function documentFileName(parts: string[], year: number, title: string, format: string): string {
  return `${parts.join('-')}-${year}年度${title}.${format}`;
}

/**
 * A rendered document as an attachment: its own content type, and a Content-Disposition whose
 * `filename*` (RFC 5987, UTF-8) carries the Chinese name, beside an ASCII `filename` fallback.
 */
export function download(rendered: Rendered, fileName: string): StreamableFile {
  return new StreamableFile(rendered.body, {
    type: rendered.contentType,
    length: rendered.body.length,
    disposition: contentDisposition(fileName, { type: 'attachment' }),
  });
}
