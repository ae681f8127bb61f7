import type { LineIssue } from './types';

/** Bounds on what a ledger file may make the reader do, and on what an answer about it echoes back. */
export interface LedgerLimits {
  /** Sum of the uncompressed sizes of an XLSX's zip entries. */
  xlsxMaxUncompressedBytes: number;
  /** Largest uncompressed / compressed ratio of one sizeable zip entry (a zip bomb compresses 1000:1 and more). */
  xlsxMaxRatio: number;
  /** Rows of the first worksheet. */
  xlsxMaxRows: number;
  /** Characters in one cell (Excel's own limit). */
  maxCellChars: number;
}

const numberFrom = (value: string | undefined, fallback: number) => {
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : fallback;
};

/** Defaults, each adjustable by environment: BEM_XLSX_MAX_UNCOMPRESSED_BYTES, BEM_XLSX_MAX_RATIO, BEM_XLSX_MAX_ROWS. */
export function ledgerLimits(env: NodeJS.ProcessEnv = process.env): LedgerLimits {
  return {
    xlsxMaxUncompressedBytes: numberFrom(env.BEM_XLSX_MAX_UNCOMPRESSED_BYTES, 200 << 20),
    xlsxMaxRatio: numberFrom(env.BEM_XLSX_MAX_RATIO, 200),
    xlsxMaxRows: numberFrom(env.BEM_XLSX_MAX_ROWS, 200_000),
    maxCellChars: 32_767,
  };
}

/** An answer lists at most this many problems (and says how many there were). */
export const MAX_LISTED_ISSUES = 1000;
/** An answer echoes at most this many characters of what a file held. */
export const MAX_ECHO_CHARS = 200;

/** Text from a file, cut to MAX_ECHO_CHARS characters (an ellipsis says it was cut). */
export function clip(text: string, max = MAX_ECHO_CHARS): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/** The first MAX_LISTED_ISSUES problems, each field and message clipped, and the total count. */
export function boundIssues(issues: readonly LineIssue[]): { listed: LineIssue[]; total: number } {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => ({ ...issue, field: clip(issue.field), message: clip(issue.message, MAX_ECHO_CHARS * 2) }));
  return { listed, total: issues.length };
}
