import type { ReportTable, TableColumn } from '../../model/report';
import { type Cell, DENSE_COLUMNS, type Grid, labelCell, percentCell, scoreCell, textCell } from '../filed-document';

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
      return textCell(value === null || value === '' ? '—' : `${'　'.repeat(depth)}${readable(value)}`);
  }
}

/** Formula text as a finance office writes it: min(a, b) is 取a与b的较小值. */
export const readable = (text: string): string => text.replace(/min\(([^,()]+(?:\([^()]*\))?[^,()]*),\s*([^()]+)\)/g, '取小值（$1，$2）');

/** A column header without the "(%)" the cells now carry themselves. */
const headerText = (label: string) => label.replace(/[（(]%[)）]$/, '');

/** Relative widths from the content: the widest cell, a header may wrap onto two lines; names never squeezed below 4. */
export function columnWidths(header: string[], rows: string[][], wide: boolean[] = [], figure: boolean[] = [], orientation?: 'portrait' | 'landscape'): { width: number }[] {
  const widths = header.map((label, i) => {
    const max = wide[i] ? 22 : 10;
    const content = Math.max(0, ...rows.map((row) => printWidth(row[i] ?? '')));
    // a figure's header may wrap onto three lines, a name's onto two
    if (figure[i]) return Math.max(3, Math.ceil(printWidth(label) / 3), content + 1);
    return Math.min(max, Math.max(4, Math.ceil(printWidth(label) / 2), Math.ceil(content)) + 2);
  });
  // what fits the printable width (156 / 234 mm, 10.5 pt ≈ 3.7 mm a character, 2.4 mm padding a cell): figures keep
  // their width (they must not wrap), text columns give way, down to 3 characters
  const dense = header.length > DENSE_COLUMNS;
  const budget = ((orientation === 'landscape' ? 234 : 156) - (dense ? 1.6 : 2.4) * header.length) / (dense ? 3.2 : 3.7);
  const fixed = widths.reduce((sum, w, i) => sum + (figure[i] ? w : 0), 0);
  const text = widths.reduce((sum, w, i) => sum + (figure[i] ? 0 : w), 0);
  const scale = fixed + text > budget && text > 0 ? Math.max(0, budget - fixed) / text : 1;
  return widths.map((w, i) => ({ width: figure[i] ? w : Math.max(4, Math.round(w * scale * 10) / 10) }));
}

/** Columns that carry names or sentences: they may take up to 22 characters, the others 10. */
const WIDE_COLUMNS = ['name', 'label', 'formula', 'item', 'unit', 'remark'];
/** Text columns that must not wrap (科目编码): sized like figures. */
const NOWRAP_COLUMNS = ['code'];

export interface GridOptions {
  /** columns whose equal neighbouring values merge into one cell spanning the rows (一级 / 二级指标) */
  mergeDown?: string[];
  /** columns not printed */
  omit?: string[];
  /** the page the grid is printed on: text columns give way to figures to fit its width */
  orientation?: 'portrait' | 'landscape';
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
      return row.cells[c.key] == null && options.blank?.[c.key] !== undefined ? { ...cell, text: options.blank[c.key] } : cell;
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
    columns: columnWidths(header, cells.map((row) => row.map((c) => c.text)), columns.map((c) => WIDE_COLUMNS.includes(c.key)), columns.map((c) => c.kind !== 'text' || NOWRAP_COLUMNS.includes(c.key)), options.orientation),
    rows: [header.map((h) => labelCell(h)), ...merged.map((row) => row.filter((c): c is Cell => c !== null))],
  };
}
