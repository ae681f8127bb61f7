import type { EvaluationReport } from '../model/report';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';
import { renderXlsx } from './xlsx';

export const RENDER_FORMATS = ['json', 'md', 'html', 'xlsx', 'docx', 'pdf'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

export interface Rendered {
  format: RenderFormat;
  contentType: string;
  body: Buffer;
}

/** Content type of each format (the program table uses the same). */
export const RENDER_CONTENT_TYPES: Record<RenderFormat, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

async function bodyOf(report: EvaluationReport, format: RenderFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
    case 'md':
      return Buffer.from(renderMarkdown(report));
    case 'html':
      return Buffer.from(renderHtml(report));
    case 'xlsx':
      return renderXlsx(report);
    case 'docx':
      return renderDocx(report);
    case 'pdf':
      return renderPdf(report);
    default: {
      const unhandled: never = format;
      throw new Error(`unknown format ${String(unhandled)}`);
    }
  }
}

export async function renderReport(report: EvaluationReport, format: RenderFormat): Promise<Rendered> {
  return { format, contentType: RENDER_CONTENT_TYPES[format], body: await bodyOf(report, format) };
}
