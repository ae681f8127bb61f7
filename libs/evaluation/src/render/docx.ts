import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { EvaluationReport, ReportTable } from '../model/report';
import { type Block, outline } from './outline';

const FONT = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
const run = (text: string, options: { bold?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: options.size ?? 24, bold: options.bold });

function cell(text: string, numeric: boolean, header = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(text, { size: 18, bold: header })] })],
  });
}

function table(t: ReportTable): (Paragraph | Table)[] {
  const caption = new Paragraph({ children: [run(t.title, { bold: true }), ...(t.unit ? [run(`    金额单位：${t.unit}`, { size: 20 })] : [])] });
  const header = new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c.label, false, true)) });
  const rows = t.rows.map((row) => new TableRow({ children: t.columns.map((c) => cell(row.cells[c.key] ?? '—', c.kind !== 'text')) }));
  return [caption, new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }), new Paragraph({ children: [] })];
}

function blockToDocx(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(block.text, { bold: true, size: 36 })] })];
    case 'heading':
      return [new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [run(block.text, { bold: true, size: block.level === 1 ? 32 : 28 })] })];
    case 'paragraph':
      return [new Paragraph({ indent: { firstLine: 480 }, children: [run(block.text)] })];
    case 'list':
      return block.items.map((item, i) => new Paragraph({ indent: { firstLine: 480 }, children: [run(`${i + 1}. ${item.text}`)] }));
    case 'table':
      return table(block.table);
    default: {
      const unhandled: never = block;
      return [new Paragraph(String(unhandled))];
    }
  }
}

/** DOCX (docx package): the seeds' section order (一、…四、, 附表) with their tables. */
export async function renderDocx(report: EvaluationReport): Promise<Buffer> {
  return blocksToDocx(`${report.department.name}${report.fiscalYear}年度部门整体支出绩效自评报告`, outline(report));
}

/** Any outline as DOCX, with the report's fonts and table style. */
export async function blocksToDocx(title: string, blocks: Block[]): Promise<Buffer> {
  const document = new Document({
    creator: 'budget-execution-monitor',
    title,
    sections: [{ children: blocks.flatMap(blockToDocx) }],
  });
  return Packer.toBuffer(document);
}
