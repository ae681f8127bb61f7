import { parse } from 'csv-parse/sync';
import { type TableRow, tableToLedger } from './table-ledger';
import type { ParsedLedger, ReadLedgerOptions } from './types';

/** A CSV ledger (UTF-8, comma-separated, first row = headers); row numbers are the file's line numbers. */
export function parseCsvLedger(content: string, options: ReadLedgerOptions = {}): ParsedLedger {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content.replace(/^\uFEFF/, ''), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      delimiter: [',', '\t'],
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { lines: [], errors: [{ line, field: '(csv)', message: `不是有效的 CSV / invalid CSV: ${(error as Error).message}` }], warnings: [] };
  }
  if (records.length === 0) return { lines: [], errors: [], warnings: [] };
  const rows: TableRow[] = records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  return tableToLedger(rows[0], rows.slice(1), options);
}
