import type { Cell, FiledDocument, FiledForm, Grid } from '../filed-document';

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

/** Column widths as fractions of the printable width (the builders give relative widths). */
export function columnFractions(grid: Grid): number[] {
  const widths = grid.columns.map((c) => Math.max(1, c.width));
  const total = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w / total);
}

/** One numbered entry of 附：数据依据: where a figure sits and the event ids behind it. */
export interface EvidenceNote {
  number: number;
  form: string;
  where: string;
  ids: string[];
}

/** The text that names a cell for a reader: the row's first label and the column's header. */
function cellName(grid: Grid, placed: PlacedCell[], target: PlacedCell): string {
  const rowLabel = placed.find((p) => p.row === target.row && p.col === 0 && p !== target)?.cell.text ?? '';
  const header = [...placed].reverse().find((p) => p.row < grid.headerRows && p.col <= target.col && p.col + p.colSpan > target.col)?.cell.text ?? '';
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
export const EVIDENCE_TITLE = '附：数据依据';
