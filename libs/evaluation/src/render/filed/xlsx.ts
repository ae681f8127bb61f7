import type { Borders, Cell as ExcelCell, Workbook, Worksheet } from 'exceljs';
import type { Cell, FiledDocument, FiledForm, Grid } from '../filed-document';
import { notesByOwner } from './html';
import { EVIDENCE_TITLE, type EvidenceNote, placeCells, SIGNATURE_FIELDS, uniqueSheetNames } from './layout';
import { LANDSCAPE_MARGINS_MM, MARGINS_MM } from './look';
import { printWidth } from '../report/table-grid';

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };
const FONT = '宋体';
const inches = (mm: number) => Math.round((mm / 25.4) * 100) / 100;

/** Excel column width ≈ 2 units per CJK character; the builders' widths are in characters. */
const excelWidth = (chars: number) => Math.min(60, Math.max(6, Math.round(chars * 2.1 + 1)));

function numberFormat(cell: Cell): string | undefined {
  if (!cell.figure) return undefined;
  const decimals = cell.figure.decimals > 0 ? `.${'0'.repeat(cell.figure.decimals)}` : '';
  if (cell.figure.format === 'percent') return `0${decimals}"%"`;
  if (cell.figure.format === 'money') return `#,##0${decimals}`;
  return `0${decimals}`;
}

function styleCell(target: ExcelCell, cell: Cell, header: boolean): void {
  const bold = header || cell.label;
  target.font = { name: FONT, size: 10, bold };
  const horizontal = bold ? 'center' : (cell.align ?? (cell.figure ? 'right' : 'left'));
  target.alignment = { horizontal, vertical: 'middle', wrapText: true };
  target.border = BORDER;
  const format = numberFormat(cell);
  if (format) target.numFmt = format;
}

/** A line of text across the sheet's width (title, heading, paragraph, 金额单位). */
function spanRow(sheet: Worksheet, width: number, text: string, style: { size: number; bold?: boolean; align: 'center' | 'left' | 'right'; indent?: boolean }): number {
  const row = sheet.addRow([style.indent ? `　　${text}` : text]);
  if (width > 1) sheet.mergeCells(row.number, 1, row.number, width);
  const cell = row.getCell(1);
  cell.font = { name: FONT, size: style.size, bold: style.bold };
  cell.alignment = { horizontal: style.align, vertical: 'middle', wrapText: true };
  if (style.align === 'left' && text.length > width * 6) row.height = Math.ceil(text.length / (width * 6)) * 15;
  return row.number;
}

function addGrid(sheet: Worksheet, grid: Grid): { first: number; headerEnd: number } {
  const first = sheet.rowCount + 1;
  for (let r = 0; r < grid.rows.length; r++) sheet.addRow([]);
  for (const p of placeCells(grid)) {
    const top = first + p.row;
    const left = 1 + p.col;
    const header = p.row < grid.headerRows;
    const target = sheet.getCell(top, left);
    target.value = p.cell.figure ? Number(p.cell.figure.value) : p.cell.text;
    for (let dr = 0; dr < p.rowSpan; dr++) for (let dc = 0; dc < p.colSpan; dc++) styleCell(sheet.getCell(top + dr, left + dc), p.cell, header);
    if (p.colSpan > 1 || p.rowSpan > 1) sheet.mergeCells(top, left, top + p.rowSpan - 1, left + p.colSpan - 1);
    // LibreOffice does not grow a row for wrapped text it did not lay out itself: give each row the lines it needs
    let chars = 0;
    for (let dc = 0; dc < p.colSpan; dc++) chars += (sheet.getColumn(left + dc).width ?? 10) / 2.1;
    // every paragraph of the cell wraps on its own: the lines add up
    const lines = Math.max(p.cell.text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(printWidth(line) / Math.max(1, chars - 0.5))), 0), 1);
    const height = Math.ceil((lines * 13.5 + 4) / p.rowSpan);
    const row = sheet.getRow(top);
    if (p.rowSpan === 1 && height > (row.height ?? 15)) row.height = height;
  }
  return { first, headerEnd: first + grid.headerRows - 1 };
}

function addForm(workbook: Workbook, name: string, form: FiledForm): void {
  const grids = form.blocks.filter((b): b is Grid => b.type === 'grid');
  const width = Math.max(1, ...grids.map((g) => g.columns.length));
  const landscape = form.orientation === 'landscape';
  const m = landscape ? LANDSCAPE_MARGINS_MM : MARGINS_MM;
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, orientation: landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { top: inches(m.top), bottom: inches(m.bottom), left: inches(m.left), right: inches(m.right), header: 0.5, footer: 0.6 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  for (let i = 0; i < width; i++) sheet.getColumn(i + 1).width = excelWidth(Math.max(...grids.map((g) => g.columns[i]?.width ?? 0), 4));
  spanRow(sheet, width, form.title, { size: 16, bold: true, align: 'center' });
  sheet.getRow(1).height = 30;
  if (form.subtitle) spanRow(sheet, width, form.subtitle, { size: 11, align: 'center' });
  let firstHeader: { first: number; headerEnd: number } | null = null;
  let unitShown = false;
  for (const block of form.blocks) {
    if (block.type === 'heading') spanRow(sheet, width, block.text, { size: 12, bold: true, align: 'left' });
    else if (block.type === 'paragraph') spanRow(sheet, width, block.text, { size: 11, align: 'left', indent: true });
    else {
      if (form.unit && !unitShown) spanRow(sheet, width, `金额单位：${form.unit}`, { size: 10, align: 'right' });
      unitShown = true;
      const placed = addGrid(sheet, block);
      if (!firstHeader && block.headerRows > 0) firstHeader = placed;
    }
  }
  if (form.signature) {
    sheet.addRow([]);
    const row = sheet.addRow([]);
    const step = Math.max(1, Math.floor(width / SIGNATURE_FIELDS.length));
    SIGNATURE_FIELDS.forEach((field, i) => {
      const cell = row.getCell(1 + i * step);
      cell.value = field;
      cell.font = { name: FONT, size: 10 };
    });
  }
  // a form that opens with its grid repeats and freezes the grid's header; a report sheet (text first) does neither
  if (firstHeader && firstHeader.first <= 6) {
    sheet.pageSetup.printTitlesRow = `${firstHeader.first}:${firstHeader.headerEnd}`;
    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: firstHeader.headerEnd }];
  }
}

function addEvidence(workbook: Workbook, name: string, notes: EvidenceNote[]): void {
  const grid: Grid = {
    type: 'grid', headerRows: 1, columns: [{ width: 3 }, { width: 14 }, { width: 14 }, { width: 28 }],
    rows: [[{ text: '序号' }, { text: '表名' }, { text: '所在位置' }, { text: '依据事件编号' }], ...notes.map((n) => [{ text: String(n.number), align: 'center' as const }, { text: n.form }, { text: n.where }, { text: n.ids.join('、').slice(0, 32000) }])],
  };
  addForm(workbook, name, { sheetName: name, title: EVIDENCE_TITLE, blocks: [grid] });
}

/** XLSX of a filed document: one sheet per form (A4, fit to width, header rows repeated, borders, merges), then 依据. */
export async function renderFiledXlsx(doc: FiledDocument): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '预算执行监控';
  workbook.title = doc.title;
  const { notes } = notesByOwner(doc);
  const names = uniqueSheetNames([...doc.forms.map((f) => f.sheetName), ...(notes.length ? ['依据'] : [])]);
  doc.forms.forEach((form, i) => addForm(workbook, names[i], form));
  if (notes.length) addEvidence(workbook, names[names.length - 1], notes);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
