import { parseCommand } from '@bem/domain';
import { type AmountUnit, type ParsedLedger } from './types';
import { applyUnit } from './units';

/** Parses a JSON Lines ledger: every line is validated, every problem is kept with its line number. */
export function parseLedger(content: string, unit: AmountUnit = '元'): ParsedLedger {
  const result: ParsedLedger = { lines: [], errors: [], warnings: [] };
  const rows = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((text, i) => parseLedgerLine(text, i + 1, unit, result));
  return result;
}

/** Validates one line of a JSON Lines ledger (`line`: its 1-based number) into `result`; blank lines are skipped. */
export function parseLedgerLine(text: string, line: number, unit: AmountUnit, result: ParsedLedger): void {
  if (text.trim() === '') return;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    result.errors.push({ line, field: '(json)', message: `不是有效的 JSON / invalid JSON: ${(error as Error).message}` });
    return;
  }
  const scaled = unit === '元' ? { raw, issues: [] } : applyUnit(raw, unit);
  if (scaled.issues.length) {
    for (const issue of scaled.issues) result.errors.push({ line, ...issue });
    return;
  }
  const parsed = parseCommand(scaled.raw);
  if (!parsed.ok) {
    for (const issue of parsed.issues) result.errors.push({ line, ...issue });
    return;
  }
  for (const field of parsed.unknownFields) {
    result.warnings.push({ line, field, message: '未知字段，已忽略 / unknown field, ignored' });
  }
  for (const warning of parsed.warnings) result.warnings.push({ line, ...warning });
  result.lines.push({ line, command: parsed.command });
}
