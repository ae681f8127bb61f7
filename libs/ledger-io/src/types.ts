import type { FieldIssue, LedgerCommand } from '@bem/domain';

export interface LedgerLine {
  /** 1-based line number in the file. */
  line: number;
  command: LedgerCommand;
}

export interface LineIssue extends FieldIssue {
  line: number;
}

export interface ParsedLedger {
  lines: LedgerLine[];
  errors: LineIssue[];
  warnings: LineIssue[];
}

export const formatIssue = (issue: LineIssue): string => `line ${issue.line}: ${issue.field}: ${issue.message}`;

export type LedgerFormat = 'jsonl' | 'csv' | 'xlsx';
/** Unit of the amounts in a file: 元 (the contract) or 万元 (multiplied by 10000 exactly on reading). */
export type AmountUnit = '元' | '万元';

export interface ReadLedgerOptions {
  /** File name (no folder): seeds the ids derived for rows without 编号. */
  fileName?: string;
  unit?: AmountUnit;
}
