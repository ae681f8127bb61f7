import type { EvaluationReport } from '../model/report';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';
import { renderXlsx } from './xlsx';
import { RENDER_CONTENT_TYPES, type RenderFormat, type Rendered } from './formats';

export { RENDER_CONTENT_TYPES, RENDER_FORMATS, type RenderFormat, type Rendered } from './formats';

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
