import type { FiledDocument } from '../filed-document';
import { RENDER_CONTENT_TYPES, type RenderFormat, type Rendered } from '../formats';
import { renderFiledDocx } from './docx';
import { renderFiledHtml } from './html';
import { renderFiledMarkdown } from './markdown';
import { renderFiledPdf } from './pdf';
import { renderFiledXlsx } from './xlsx';

async function bodyOf(doc: FiledDocument, format: RenderFormat, json: () => unknown): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(json(), null, 2)}\n`);
    case 'md':
      return Buffer.from(renderFiledMarkdown(doc));
    case 'html':
      return Buffer.from(renderFiledHtml(doc));
    case 'xlsx':
      return renderFiledXlsx(doc);
    case 'docx':
      return renderFiledDocx(doc);
    case 'pdf':
      return renderFiledPdf(doc);
    default: {
      const unhandled: never = format;
      throw new Error(`unknown format ${String(unhandled)}`);
    }
  }
}

/**
 * Any filed document in any format, with the filed look (architecture §9). `json` is what `--json` prints for the
 * document's subject (the report, the program view …); without it, the document model itself.
 */
export async function renderFiledDocument(doc: FiledDocument, format: RenderFormat, json: () => unknown = () => doc): Promise<Rendered> {
  return { format, contentType: RENDER_CONTENT_TYPES[format], body: await bodyOf(doc, format, json) };
}
