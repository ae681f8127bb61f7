import type { Cell, FiledDocument, FiledForm, Grid } from '../filed-document';
import { SIZE_PT, printableWidthMm } from './look';

/** A cell at its place in the grid (0-based row / column of its top-left corner). */
export interface PlacedCell {
  row: number;
  col: number;
  cell: Cell;
  colSpan: number;
  rowSpan: number;
}

/**
 * Places the cells of a grid as HTML does: a cell covered by another's span is left out of its row, so
 * every cell goes to the next column not yet covered. XLSX and Markdown need the absolute positions.
 */
export function placeCells(grid: Grid): PlacedCell[] {
  const covered = new Set<string>();
  const placed: PlacedCell[] = [];
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (covered.has(`${r}:${c}`)) c++;
      const colSpan = Math.max(1, cell.colSpan ?? 1);
      const rowSpan = Math.max(1, cell.rowSpan ?? 1);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) covered.add(`${r + dr}:${c + dc}`);
      placed.push({ row: r, col: c, cell, colSpan, rowSpan });
      c += colSpan;
    }
  });
  return placed;
}

/** How wide a text prints, in table-size CJK characters (a Latin letter, digit or sign is about half of one). */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : ch === '.' || ch === ',' ? 0.3 : ch === '%' ? 0.9 : 0.6;
  return units;
}

/** One CJK character at the table's point size, in millimetres. */
const CHAR_MM = SIZE_PT.table * 0.3528;
/** The cell padding on both sides, in characters. */
const PADDING_UNITS = 1.1;

/**
 * Column widths as fractions of the printable width: the builder's relative widths, except that a column is
 * never narrower than its widest figure (an amount, a rate or a score must not break across lines); the room
 * comes from the columns wider than their own figures, in proportion to what they can spare.
 */
export function columnFractions(grid: Grid, orientation?: 'portrait' | 'landscape'): number[] {
  const total = printableWidthMm(orientation) / CHAR_MM;
  const desired = grid.columns.map((c) => Math.max(1, c.width));
  const sum = desired.reduce((a, b) => a + b, 0);
  const widths = desired.map((w) => (w / sum) * total);
  const need = widths.map(() => 0);
  for (const p of placeCells(grid)) {
    if (p.colSpan !== 1) continue;
    // a figure on one line; a text at least two characters a line (一级 / 指标), and a number inside it (2020年) unbroken
    const longestRun = Math.min(8, Math.max(0, ...(p.cell.text.match(/[0-9A-Za-z.,%≥≤=+-]+/g) ?? []).map(textUnits)));
    const units = p.cell.figure ? textUnits(p.cell.text) : Math.max(Math.min(textUnits(p.cell.text), 2), longestRun);
    need[p.col] = Math.max(need[p.col], units + PADDING_UNITS);
  }
  const deficit = widths.reduce((acc, w, i) => acc + Math.max(0, need[i] - w), 0);
  const slack = widths.reduce((acc, w, i) => acc + Math.max(0, w - need[i]), 0);
  if (deficit > 0 && slack > 0) {
    const take = Math.min(1, deficit / slack);
    for (let i = 0; i < widths.length; i++) widths[i] = widths[i] < need[i] ? need[i] : widths[i] - (widths[i] - need[i]) * take;
  }
  const after = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w / after);
}

/** One numbered entry of 附：数据依据: where a figure sits and the event ids behind it. */
export interface EvidenceNote {
  number: number;
  form: string;
  where: string;
  ids: string[];
}

/**
 * The text that names a cell for a reader: its row (the cell the builder marked as naming it, else the row's
 * first cell) and its column (the nearest header or label cell above it covering its column).
 */
function cellName(grid: Grid, placed: PlacedCell[], target: PlacedCell): string {
  const inRow = placed.filter((p) => p.row === target.row && p !== target);
  const rowLabel = (inRow.find((p) => p.cell.names) ?? inRow.find((p) => p.col === 0))?.cell.text ?? '';
  const covers = (p: PlacedCell) => p.col <= target.col && p.col + p.colSpan > target.col && p.row < target.row && !p.cell.figure;
  const header = grid.headerRows > 0
    ? [...placed].reverse().find((p) => p.row < grid.headerRows && covers(p))?.cell.text ?? ''
    : [...placed].reverse().find((p) => covers(p) && p.cell.label && p.row + p.rowSpan <= target.row)?.cell.text ?? '';
  return [rowLabel, header].filter((t) => t && t !== '—').join(' · ') || target.cell.text;
}

/** Every evidence list of the document, numbered in reading order (paragraphs and cells). */
export function evidenceNotes(doc: FiledDocument): EvidenceNote[] {
  const notes: EvidenceNote[] = [];
  const add = (form: FiledForm, where: string, ids: string[] | undefined) => {
    if (ids?.length) notes.push({ number: notes.length + 1, form: form.title, where, ids });
  };
  for (const form of doc.forms) {
    for (const block of form.blocks) {
      if (block.type === 'paragraph') add(form, block.text.length > 24 ? `${block.text.slice(0, 24)}…` : block.text, block.evidence);
      if (block.type !== 'grid') continue;
      const placed = placeCells(block);
      for (const p of placed) add(form, cellName(block, placed, p), p.cell.evidence);
    }
  }
  return notes;
}

/** Sheet names as Excel allows them: ≤ 31 characters, no []:*?/\, unique. */
export function uniqueSheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const base = raw.replace(/[[\]:*?/\\]/g, '').slice(0, 31) || '表';
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)}${i}`;
    used.add(name);
    return name;
  });
}

export const SIGNATURE_FIELDS = ['填报单位（盖章）：', '填报人：', '联系电话：', '填报日期：'] as const;
/** Shares of the printable width for the four fields: the 填报单位（盖章） line needs room for the seal. */
export const SIGNATURE_SHARES = [0.34, 0.2, 0.23, 0.23] as const;
export const EVIDENCE_TITLE = '附：数据依据';
