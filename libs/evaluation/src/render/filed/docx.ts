import {
  AlignmentType, BorderStyle, convertMillimetersToTwip, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph,
  type ISectionOptions, LineRuleType, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { type Cell, DENSE_COLUMNS, type FiledDocument, type FiledForm, type FormBlock, type Grid } from '../filed-document';
import { notesByOwner, shownIds } from './html';
import { columnFractions, EVIDENCE_TITLE, type EvidenceNote, placeCells, SIGNATURE_FIELDS, SIGNATURE_SHARES } from './layout';
import { DOCX_BODY_FONT, DOCX_HEADING_FONT, DOCX_TABLE_FONT, DOCX_TITLE_FONT, LANDSCAPE_MARGINS_MM, MARGINS_MM, printableWidthMm, SIZE_PT } from './look';

type Orientation = FiledForm['orientation'];
/** A4 in twips as Word writes it (210 × 297 mm). */
const A4_TWIPS = { width: 11906, height: 16838 };
const halfPoints = (pt: number) => Math.round(pt * 2);
const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });
const run = (text: string, o: { font?: string; size?: number; bold?: boolean } = {}) =>
  new TextRun({ text, font: font(o.font ?? DOCX_BODY_FONT), size: halfPoints(o.size ?? SIZE_PT.body), bold: o.bold, color: '000000' });
const lines = (text: string, o: Parameters<typeof run>[1]) => text.split('\n').flatMap((t, i) => (i ? [new TextRun({ break: 1 }), run(t, o)] : [run(t, o)]));

const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cellDocx(cell: Cell, header: boolean, width: number, size: number): TableCell {
  const align = header || cell.label ? 'center' : (cell.align ?? (cell.figure ? 'right' : 'left'));
  return new TableCell({
    columnSpan: cell.colSpan,
    rowSpan: cell.rowSpan,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 70, right: 70 },
    children: [new Paragraph({ alignment: ALIGN[align], children: lines(cell.text, { font: DOCX_TABLE_FONT, size, bold: header || cell.label }) })],
  });
}

function gridDocx(grid: Grid, orientation: Orientation): Table {
  const total = convertMillimetersToTwip(printableWidthMm(orientation));
  const widths = columnFractions(grid, orientation).map((f) => Math.floor(f * total));
  const size = grid.columns.length > DENSE_COLUMNS ? SIZE_PT.small : SIZE_PT.table;
  const spanWidth = new Map(placeCells(grid).map((p) => [p.cell, widths.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0)]));
  const rows = grid.rows.map(
    (row, r) =>
      new TableRow({ tableHeader: r < grid.headerRows, cantSplit: true, children: row.map((cell) => cellDocx(cell, r < grid.headerRows, spanWidth.get(cell) ?? widths[0], size)) }),
  );
  return new Table({ rows, columnWidths: widths, width: { size: total, type: WidthType.DXA }, layout: TableLayoutType.FIXED, borders: BORDERS });
}

function blockDocx(block: FormBlock, orientation: Orientation): (Paragraph | Table)[] {
  if (block.type === 'heading') {
    const style = block.level === 1 ? { font: DOCX_HEADING_FONT, size: SIZE_PT.formTitle } : block.level === 2 ? { font: '楷体_GB2312', size: SIZE_PT.formTitle, bold: true } : { size: SIZE_PT.body, bold: true };
    return [new Paragraph({ spacing: { before: 120, after: 60 }, indent: { firstLine: 560 }, keepNext: true, children: [run(block.text, style)] })];
  }
  if (block.type === 'paragraph') return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { line: 520, lineRule: LineRuleType.EXACT }, indent: { firstLine: 560 }, children: [run(block.text)] })];
  return [gridDocx(block, orientation), new Paragraph({ spacing: { after: 60 }, children: [] })];
}

function signatureDocx(orientation: Orientation): Table {
  const widths = SIGNATURE_SHARES.map((share) => Math.floor(convertMillimetersToTwip(printableWidthMm(orientation)) * share));
  const cells = SIGNATURE_FIELDS.map((f, i) => new TableCell({ width: { size: widths[i], type: WidthType.DXA }, children: [new Paragraph({ children: [run(f, { size: SIZE_PT.table + 1 })] })] }));
  return new Table({ rows: [new TableRow({ children: cells })], columnWidths: widths, layout: TableLayoutType.FIXED, borders: NO_BORDERS });
}

const footer = () =>
  new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(DOCX_BODY_FONT), size: halfPoints(SIZE_PT.body) })] })] });

function section(orientation: Orientation, children: (Paragraph | Table)[]): ISectionOptions {
  const m = orientation === 'landscape' ? LANDSCAPE_MARGINS_MM : MARGINS_MM;
  return {
    properties: {
      page: {
        size: { width: A4_TWIPS.width, height: A4_TWIPS.height, orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: convertMillimetersToTwip(m.top), bottom: convertMillimetersToTwip(m.bottom), left: convertMillimetersToTwip(m.left), right: convertMillimetersToTwip(m.right), footer: convertMillimetersToTwip(20) },
      },
    },
    footers: { default: footer() },
    children,
  };
}

function formDocx(form: FiledForm, first: boolean): ISectionOptions {
  const titleSize = first ? SIZE_PT.title : SIZE_PT.formTitle + 2;
  const children: (Paragraph | Table)[] = [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(form.title, { font: DOCX_TITLE_FONT, size: titleSize })] })];
  if (form.subtitle) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(form.subtitle)] }));
  let unitShown = false;
  for (const block of form.blocks) {
    if (block.type === 'grid' && form.unit && !unitShown) {
      children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`金额单位：${form.unit}`, { size: SIZE_PT.table })] }));
      unitShown = true;
    }
    children.push(...blockDocx(block, form.orientation));
  }
  if (form.signature) children.push(signatureDocx(form.orientation));
  return section(form.orientation, children);
}

function evidenceDocx(notes: EvidenceNote[]): ISectionOptions {
  const header = [{ text: '序号', width: 2 }, { text: '表名', width: 6 }, { text: '所在位置', width: 6 }, { text: '依据事件编号', width: 13 }];
  const grid: Grid = {
    type: 'grid', headerRows: 1, columns: header.map((h) => ({ width: h.width })),
    rows: [header.map((h) => ({ text: h.text })), ...notes.map((n) => [{ text: String(n.number), align: 'center' as const }, { text: n.form }, { text: n.where }, { text: shownIds(n.ids) }])],
  };
  return section('portrait', [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(EVIDENCE_TITLE, { font: DOCX_TITLE_FONT, size: SIZE_PT.formTitle + 2 })] }), gridDocx(grid, 'portrait')]);
}

/** DOCX of a filed document: one section per form (A4, its orientation, 公文 margins, page number field in the footer). */
export async function renderFiledDocx(doc: FiledDocument): Promise<Buffer> {
  const { notes } = notesByOwner(doc);
  const sections = doc.forms.map((form, i) => formDocx(form, i === 0));
  if (notes.length) sections.push(evidenceDocx(notes));
  const document = new Document({
    creator: '预算执行监控',
    title: doc.title,
    styles: { default: { document: { run: { font: font(DOCX_BODY_FONT), size: halfPoints(SIZE_PT.body), color: '000000' } } } },
    sections,
  });
  return Packer.toBuffer(document);
}
