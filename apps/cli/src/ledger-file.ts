import { type FieldIssue, type LedgerCommand, parseCommand } from '@bem/domain';

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

/** Parses a JSON Lines ledger: every line is validated, every problem is kept with its line number. */
export function parseLedger(content: string): ParsedLedger {
  const result: ParsedLedger = { lines: [], errors: [], warnings: [] };
  const rows = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      result.errors.push({ line, field: '(json)', message: `不是有效的 JSON / invalid JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = parseCommand(raw);
    if (!parsed.ok) {
      for (const issue of parsed.issues) result.errors.push({ line, ...issue });
      return;
    }
    for (const field of parsed.unknownFields) {
      result.warnings.push({ line, field, message: '未知字段，已忽略 / unknown field, ignored' });
    }
    result.lines.push({ line, command: parsed.command });
  });
  return result;
}

export const formatIssue = (issue: LineIssue): string => `line ${issue.line}: ${issue.field}: ${issue.message}`;
