import { extname } from 'node:path';
import { parseCsvLedger } from './csv';
import { parseLedger } from './jsonl';
import type { LedgerFormat, ParsedLedger, ReadLedgerOptions } from './types';
import { parseXlsxLedger } from './xlsx';

export const LEDGER_FORMATS: readonly LedgerFormat[] = ['jsonl', 'csv', 'xlsx'];

/** The format a file name implies, or null. */
export function formatOfFileName(name: string): LedgerFormat | null {
  const extension = extname(name).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson' || extension === '.json') return 'jsonl';
  if (extension === '.csv' || extension === '.tsv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  return null;
}

/** The format a Content-Type implies, or null. */
export function formatOfContentType(contentType: string | undefined): LedgerFormat | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/json'].includes(type)) return 'jsonl';
  if (type === 'text/csv' || type === 'text/tab-separated-values') return 'csv';
  if (type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  return null;
}

/** Reads a ledger file of any supported format into validated commands with their row numbers. */
export async function readLedger(content: Buffer, format: LedgerFormat, options: ReadLedgerOptions = {}): Promise<ParsedLedger> {
  switch (format) {
    case 'jsonl':
      return parseLedger(content.toString('utf8'), options.unit);
    case 'csv':
      return parseCsvLedger(content.toString('utf8'), options);
    case 'xlsx':
      return parseXlsxLedger(content, options);
  }
}
