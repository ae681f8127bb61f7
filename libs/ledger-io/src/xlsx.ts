import type ExcelJS from 'exceljs';
import { type TableRow, tableToLedger } from './table-ledger';
import type { ParsedLedger, ReadLedgerOptions } from './types';

/** An XLSX ledger: the first worksheet, first row = headers; row numbers are the sheet's row numbers. */
export async function parseXlsxLedger(content: Buffer, options: ReadLedgerOptions = {}): Promise<ParsedLedger> {
  // Loaded on demand: exceljs takes a few hundred ms to load, which every `bem` call would otherwise pay.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    return { lines: [], errors: [{ line: 1, field: '(xlsx)', message: `不是有效的 XLSX 文件 / invalid XLSX: ${(error as Error).message}` }], warnings: [] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) return { lines: [], errors: [], warnings: [] };
  const width = sheet.columnCount;
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= width; column++) cells.push(cellText(row.getCell(column).value));
    rows.push({ line: rowNumber, cells });
  });
  if (rows.length === 0) return { lines: [], errors: [], warnings: [] };
  return tableToLedger(rows[0], rows.slice(1), options);
}

/**
 * A cell as text. Dates become YYYY-MM-DD; numbers their shortest decimal form (what Excel shows),
 * so a typed 1234.5 reads "1234.5" and the amount rules (2 decimals) still apply to it.
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return String(value);
}
