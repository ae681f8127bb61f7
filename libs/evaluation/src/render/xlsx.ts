import type { EvaluationReport, ReportTable } from '../model/report';
import { type Block, outline } from './outline';

const WAN_FORMAT = '#,##0.00"万元"';
const PERCENT_FORMAT = '0.00"%"';
const SCORE_FORMAT = '0.00';

/** Excel limits a sheet name to 31 characters without []:*?/\ */
const sheetName = (title: string, used: Set<string>) => {
  let name = title.replace(/[[\]:*?/\\]/g, '').slice(0, 28);
  for (let i = 2; used.has(name); i++) name = `${title.slice(0, 26)}${i}`;
  used.add(name);
  return name;
};

/** A decimal string to the number Excel stores (the file format's edge: figures are already rounded to 2 decimals). */
const excelNumber = (text: string | null) => (text === null || text === '' ? null : Number(text));

/** XLSX (exceljs): a 总表 sheet with the scores, then one sheet per table; figures are numbers with 万元 / % formats. */
export async function renderXlsx(report: EvaluationReport): Promise<Buffer> {
  return blocksToXlsx(
    {
      sheet: '自评结论',
      title: `${report.department.name}${report.fiscalYear}年度部门整体支出绩效自评`,
      rows: [['评价方案', report.profile, report.profileTitle], ['自评得分', Number(report.totalScore)], ['满分', Number(report.maxScore)], ['评价等级', report.grade]],
    },
    outline(report),
  );
}

/** The first sheet of a workbook: a bold title, then label / value rows. */
export interface XlsxSummary {
  sheet: string;
  title: string;
  rows: (string | number | null)[][];
}

/** Any outline as XLSX: the summary sheet, then one sheet per table of the blocks (numbers with 万元 / % formats). */
export async function blocksToXlsx(summary: XlsxSummary, blocks: Block[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'budget-execution-monitor';
  const used = new Set<string>();
  const first = workbook.addWorksheet(sheetName(summary.sheet, used));
  first.addRow([summary.title]).font = { bold: true, size: 14 };
  for (const row of summary.rows) first.addRow(row);
  first.getColumn(1).width = 14;
  const tables = blocks.flatMap((block) => (block.type === 'table' ? [block.table] : []));
  for (const table of tables) addTable(workbook.addWorksheet(sheetName(table.title, used)), table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addTable(sheet: import('exceljs').Worksheet, table: ReportTable): void {
  sheet.addRow([table.title]).font = { bold: true };
  sheet.addRow([table.unit ? `金额单位：${table.unit}` : '']);
  const header = sheet.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  for (const row of table.rows) {
    const values = table.columns.map((c) => (c.kind === 'text' ? (row.cells[c.key] ?? '') : excelNumber(row.cells[c.key] ?? null)));
    sheet.addRow([...values, row.evidence.length ? row.evidence.slice(0, 50).join(' ') : '']);
  }
  sheet.getRow(3).getCell(table.columns.length + 1).value = '依据事件';
  table.columns.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.kind === 'text' ? Math.min(40, Math.max(10, column.label.length * 2 + 4)) : 16;
    if (column.kind === 'wan') col.numFmt = WAN_FORMAT;
    if (column.kind === 'percent') col.numFmt = PERCENT_FORMAT;
    if (column.kind === 'score') col.numFmt = SCORE_FORMAT;
  });
  sheet.getColumn(table.columns.length + 1).width = 30;
}
