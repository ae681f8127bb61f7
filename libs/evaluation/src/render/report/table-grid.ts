import type { ReportTable, TableColumn } from '../../model/report';
import { type Cell, type Grid, labelCell, percentCell, scoreCell, textCell } from '../filed-document';

/** Print width of a text in CJK characters (Latin letters and digits take about half). */
export const printWidth = (text: string): number => [...text].reduce((w, ch) => w + (/[\u0000-\u00ff]/.test(ch) ? 0.55 : 1), 0);

/** A figure already formatted for display (e.g. 万元 with 2 decimals) as a cell; null is "—", never 0.00. */
export function formattedMoneyCell(text: string | null, evidence?: string[]): Cell {
  if (text === null) return { text: '—', align: 'center' };
  const decimals = text.split('.')[1]?.length ?? 0;
  return { text, figure: { value: text.replace(/,/g, ''), format: 'money', decimals }, align: 'right', ...(evidence?.length ? { evidence } : {}) };
}

function cellOf(column: TableColumn, value: string | null, evidence: string[] | undefined, depth: number): Cell {
  switch (column.kind) {
    case 'wan':
      return formattedMoneyCell(value, evidence);
    case 'percent':
      return { ...percentCell(value), ...(evidence?.length && value !== null ? { evidence } : {}) };
    case 'score':
      return scoreCell(value);
    default:
      return textCell(value === null || value === '' ? '—' : `${'　'.repeat(depth)}${value}`);
  }
}

/** A column header without the "(%)" the cells now carry themselves. */
const headerText = (label: string) => label.replace(/[（(]%[)）]$/, '');

/** Relative widths from the content: the widest cell, a header may wrap onto two lines; names never squeezed below 4. */
export function columnWidths(header: string[], rows: string[][], max = 22): { width: number }[] {
  return header.map((label, i) => {
    const content = Math.max(0, ...rows.map((row) => printWidth(row[i] ?? '')));
    return { width: Math.min(max, Math.max(4, Math.ceil(printWidth(label) / 2), Math.ceil(content))) };
  });
}

export interface GridOptions {
  /** columns whose equal neighbouring values merge into one cell spanning the rows (一级 / 二级指标) */
  mergeDown?: string[];
  /** columns not printed */
  omit?: string[];
  /** what a column prints where it has no value (default "—"), e.g. 待评分 for a score not yet given */
  blank?: Record<string, string>;
}

/** A report table as a printed grid: one header row, figures as figures, evidence on the row's first figure. */
export function reportTableGrid(table: ReportTable, options: GridOptions = {}): Grid {
  const columns = table.columns.filter((c) => !options.omit?.includes(c.key));
  const cells = table.rows.map((row) => {
    const firstFigure = columns.findIndex((c) => c.kind !== 'text' && row.cells[c.key] !== null && row.cells[c.key] !== undefined);
    return columns.map((c, i) => {
      const cell = cellOf(c, row.cells[c.key] ?? null, i === firstFigure ? row.evidence : undefined, i === 0 ? (row.depth ?? 0) : 0);
      return row.cells[c.key] == null && options.blank?.[c.key] ? { ...cell, text: options.blank[c.key] } : cell;
    });
  });
  const merged = cells.map((row) => [...row]) as (Cell | null)[][];
  for (const key of options.mergeDown ?? []) {
    const col = columns.findIndex((c) => c.key === key);
    if (col < 0) continue;
    for (let r = 0; r < merged.length; r++) {
      const top = merged[r][col];
      if (!top) continue;
      let span = 1;
      const samePrefix = (k: number) => columns.slice(0, col).every((_, j) => (options.mergeDown ?? []).includes(columns[j].key) ? cells[k][j].text === cells[r][j].text : true);
      while (r + span < merged.length && cells[r + span][col].text === top.text && samePrefix(r + span)) merged[r + span++][col] = null;
      if (span > 1) merged[r][col] = { ...top, rowSpan: span, align: 'center' };
    }
  }
  const header = columns.map((c) => headerText(c.label));
  return {
    type: 'grid',
    headerRows: 1,
    columns: columnWidths(header, cells.map((row) => row.map((c) => c.text))),
    rows: [header.map((h) => labelCell(h)), ...merged.map((row) => row.filter((c): c is Cell => c !== null))],
  };
}
