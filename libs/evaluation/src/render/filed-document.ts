import Decimal from 'decimal.js';

/**
 * A document as an office files it: the one model every renderer (DOCX, XLSX, PDF, HTML, Markdown)
 * draws (architecture §9). Forms are grids of cells with merged spans, as printed; the renderers own the
 * look (A4, fonts, margins, page numbers, borders), the form builders own the content.
 */
export interface FiledDocument {
  /** the document's title, e.g. 项目支出绩效自评表 or 四川省医疗保障局2020年度部门整体支出绩效自评报告 */
  title: string;
  /** one entry per form: DOCX / PDF start each on a new page, XLSX gives each its own sheet */
  forms: FiledForm[];
}

export interface FiledForm {
  /** XLSX sheet name (≤ 31 characters, made unique by the renderer) */
  sheetName: string;
  title: string;
  /** a line under the title, e.g. （2020年度） */
  subtitle?: string;
  /** 金额单位 printed above the first grid, e.g. 万元 */
  unit?: string;
  /** a wide form may turn its own section landscape; default portrait */
  orientation?: 'portrait' | 'landscape';
  blocks: FormBlock[];
  /** 填报单位（盖章）/ 填报人 / 联系电话 / 填报日期 under the form */
  signature?: boolean;
}

export type FormBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; evidence?: string[] }
  | Grid;

/** A table as printed: rows of cells; a cell covered by another's span is left out of its row (as in HTML). */
export interface Grid {
  type: 'grid';
  /** relative column widths (about one unit per CJK character of the widest content) */
  columns: { width: number }[];
  /** how many leading rows are the header (repeated on every printed page, bold) */
  headerRows: number;
  rows: Cell[][];
}

/** A grid with more columns than this is printed dense (9 pt, narrow padding), as wide official tables are. */
export const DENSE_COLUMNS = 10;

export type FigureFormat = 'money' | 'percent' | 'score' | 'number';

export interface Cell {
  /** what is printed: '' or '—' where there is no data, never an invented 0.00 */
  text: string;
  /** a figure: XLSX stores value as a number with this format and decimals; text is its printed form */
  figure?: { value: string; format: FigureFormat; decimals: number };
  colSpan?: number;
  rowSpan?: number;
  /** header-like cell (bold, centred) outside the header rows, e.g. the 项目名称 label */
  label?: boolean;
  align?: 'left' | 'center' | 'right';
  /** event ids behind the figure: an appendix in DOCX / PDF, a 依据 sheet in XLSX, links in HTML; never in the body */
  evidence?: string[];
  /** the cell that names its row (年度资金总额, an indicator's name): the evidence appendix says where a figure sits by it */
  names?: boolean;
}

/** How amounts are printed: 万元 with 2 decimals unless a profile or `--unit` / `--decimals` says otherwise. */
export interface DisplayUnit {
  unit: '元' | '万元';
  decimals: number;
}

export const DEFAULT_DISPLAY_UNIT: DisplayUnit = { unit: '万元', decimals: 2 };

/** An amount in 元 (decimal string) as printed in the display unit, half-up; null -> '—'. */
export function moneyCell(yuan: string | null, display: DisplayUnit = DEFAULT_DISPLAY_UNIT, evidence?: string[]): Cell {
  if (yuan === null) return { text: '—', align: 'center' };
  const scaled = new Decimal(yuan).div(display.unit === '万元' ? 10_000 : 1).toDecimalPlaces(display.decimals, Decimal.ROUND_HALF_UP);
  const value = scaled.toFixed(display.decimals);
  return { text: value, figure: { value, format: 'money', decimals: display.decimals }, align: 'right', ...(evidence?.length ? { evidence } : {}) };
}

/** A percent string (already rounded for display, e.g. "81.72") as printed with its sign; null -> '—'. */
export function percentCell(percent: string | null, evidence?: string[]): Cell {
  if (percent === null) return { text: '—', align: 'center' };
  return { text: `${percent}%`, figure: { value: percent, format: 'percent', decimals: 2 }, align: 'right', ...(evidence?.length ? { evidence } : {}) };
}

/** A score string (2 decimals) or null (待评分 / not scored) -> '—' unless a text is given. */
export function scoreCell(score: string | null, pending = '—'): Cell {
  if (score === null) return { text: pending, align: 'center' };
  return { text: score, figure: { value: score, format: 'score', decimals: 2 }, align: 'right' };
}

export const textCell = (text: string | null, extra: Partial<Cell> = {}): Cell => ({ text: text ?? '—', ...extra });
export const labelCell = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, label: true, align: 'center', ...extra });
