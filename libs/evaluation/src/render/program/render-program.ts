import type { ProgramView } from '@bem/monitoring';
import { blocksToDocx } from '../docx';
import { blocksToHtml } from '../html';
import { blocksToMarkdown } from '../markdown';
import { htmlToPdf } from '../pdf';
import { RENDER_CONTENT_TYPES, type RenderFormat, type Rendered } from '../render';
import { blocksToXlsx } from '../xlsx';
import { programOutline, programTitle } from './program-outline';

async function bodyOf(view: ProgramView, format: RenderFormat): Promise<Buffer> {
  const blocks = () => programOutline(view);
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(view, null, 2)}\n`);
    case 'md':
      return Buffer.from(blocksToMarkdown(blocks()));
    case 'html':
      return Buffer.from(blocksToHtml(programTitle(view), blocks()));
    case 'xlsx':
      return blocksToXlsx(
        {
          sheet: '自评表',
          title: programTitle(view),
          rows: [
            ['转移支付（项目）名称', view.name, view.programCode],
            ['区域', view.department.name, view.department.code],
            ['预算年度', view.fiscalYear],
            ['数据截至', view.asOf],
          ],
        },
        blocks(),
      );
    case 'docx':
      return blocksToDocx(programTitle(view), blocks());
    case 'pdf':
      return htmlToPdf(blocksToHtml(programTitle(view), blocks()));
    default: {
      const unhandled: never = format;
      throw new Error(`unknown format ${String(unhandled)}`);
    }
  }
}

/** The 转移支付区域绩效目标自评表 (`bem program`, GET …/programs/{program}) in any of the year-end report's formats. */
export async function renderProgram(view: ProgramView, format: RenderFormat): Promise<Rendered> {
  return { format, contentType: RENDER_CONTENT_TYPES[format], body: await bodyOf(view, format) };
}
