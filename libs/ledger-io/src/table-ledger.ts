import { createHash } from 'node:crypto';
import { parseCommand } from '@bem/domain';
import { commandFromWord, contractValue, fieldForHeader } from './columns';
import type { LineIssue, ParsedLedger, ReadLedgerOptions } from './types';
import { applyUnit } from './units';

/** One data row of a spreadsheet-like ledger: its row number in the file and its cells as text. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** Commands whose free text is `reason`; others keep 摘要 as `summary`. */
const REASON_COMMANDS = new Set(['AdjustBudget', 'ReversePayment']);

/**
 * Turns the rows of a CSV / XLSX ledger into commands: headers name the fields (English or Chinese),
 * Chinese values are translated, 万元 multiplied, and every row validated by the domain schemas.
 */
export function tableToLedger(header: TableRow, rows: TableRow[], options: ReadLedgerOptions = {}): ParsedLedger {
  const result: ParsedLedger = { lines: [], errors: [], warnings: [] };
  const fields = header.cells.map((cell) => (cell.trim() === '' ? null : fieldForHeader(cell)));
  header.cells.forEach((cell, i) => {
    if (cell.trim() !== '' && fields[i] === null) {
      result.warnings.push({ line: header.line, field: cell, message: '未知列，已忽略 / unknown column, ignored' });
    }
  });
  if (!fields.includes('command')) {
    result.errors.push({ line: header.line, field: '类型', message: '缺少“类型”列 / missing the command column (类型 or command)' });
    return result;
  }
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const raw = rowToRaw(fields, row.cells);
    if (raw.id === undefined) raw.id = derivedId(options.fileName ?? 'ledger', row.cells, seen);
    if (raw.command === 'RecordPayment' && raw.paymentId === undefined) raw.paymentId = raw.id;
    const scaled = applyUnit(raw, options.unit ?? '元');
    if (scaled.issues.length) {
      result.errors.push(...scaled.issues.map((issue): LineIssue => ({ line: row.line, ...issue })));
      continue;
    }
    const parsed = parseCommand(scaled.raw);
    if (!parsed.ok) {
      result.errors.push(...parsed.issues.map((issue): LineIssue => ({ line: row.line, ...issue })));
      continue;
    }
    result.warnings.push(...parsed.warnings.map((warning): LineIssue => ({ line: row.line, ...warning })));
    result.lines.push({ line: row.line, command: parsed.command });
  }
  return result;
}

function rowToRaw(fields: (string | null)[], cells: string[]): Record<string, unknown> {
  const commandAt = fields.indexOf('command');
  const command = commandFromWord((cells[commandAt] ?? '').trim());
  const raw: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    const value = (cells[i] ?? '').trim();
    if (!field || value === '') return;
    raw[targetField(field, command)] = field === 'command' ? command : contractValue(field, value, command);
  });
  return raw;
}

/** 金额 of an adjustment is its signed delta; 摘要 of an adjustment or reversal is its reason. */
function targetField(field: string, command: string): string {
  if (field === 'amount' && command === 'AdjustBudget') return 'delta';
  if (field === 'summary' && REASON_COMMANDS.has(command)) return 'reason';
  if (field === 'reason' && command === 'RecordPayment') return 'summary';
  return field;
}

/**
 * A row without 编号 gets an id from the file name and the row's content (plus its occurrence, so two
 * identical rows stay two commands): re-importing the same file yields the same ids and appends nothing.
 */
function derivedId(fileName: string, cells: string[], seen: Map<string, number>): string {
  const content = JSON.stringify(cells.map((cell) => cell.trim()));
  const occurrence = (seen.get(content) ?? 0) + 1;
  seen.set(content, occurrence);
  const stem = fileName.replace(/\.[^.]+$/, '').slice(0, 60) || 'ledger';
  const hash = createHash('sha256').update(`${fileName}\u0000${content}\u0000${occurrence}`).digest('hex').slice(0, 16);
  return `${stem}-${hash}`;
}
