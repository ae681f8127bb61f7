import type ExcelJS from 'exceljs';
import { type TableRow, tableToLedger } from './table-ledger';
import { clip, ledgerLimits } from './limits';
import type { LineIssue, ParsedLedger, ReadLedgerOptions } from './types';
import { xlsxZipProblem } from './zip-directory';

const refused = (message: string, line = 1): ParsedLedger => ({ lines: [], errors: [{ line, field: '(xlsx)', message }], warnings: [] });

/** An XLSX ledger: the first worksheet, first row = headers; row numbers are the sheet's row numbers. */
export async function parseXlsxLedger(content: Buffer, options: ReadLedgerOptions = {}): Promise<ParsedLedger> {
  const limits = ledgerLimits();
  // Checked before exceljs inflates anything: the sizes the zip's central directory declares.
  const zipProblem = xlsxZipProblem(content, limits);
  if (zipProblem) return refused(zipProblem);
  // Loaded on demand: exceljs takes a few hundred ms to load, which every `bem` call would otherwise pay.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    return refused(`不是有效的 XLSX 文件 / invalid XLSX: ${clip((error as Error).message)}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) return { lines: [], errors: [], warnings: [] };
  if (sheet.actualRowCount > limits.xlsxMaxRows) {
    return refused(`工作表有 ${sheet.actualRowCount} 行，超过上限 ${limits.xlsxMaxRows} 行 / the sheet has ${sheet.actualRowCount} rows, above the limit of ${limits.xlsxMaxRows}`);
  }
  const width = sheet.columnCount;
  const rows: TableRow[] = [];
  const tooLong: LineIssue[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= width; column++) {
      const text = cellText(row.getCell(column).value);
      if (text.length > limits.maxCellChars) {
        tooLong.push({ line: rowNumber, field: `(列 ${column})`, message: `单元格超过 ${limits.maxCellChars} 个字符 / cell longer than ${limits.maxCellChars} characters: ${clip(text)}` });
        cells.push('');
      } else cells.push(text);
    }
    rows.push({ line: rowNumber, cells });
  });
  if (rows.length === 0) return { lines: [], errors: tooLong, warnings: [] };
  const parsed = tableToLedger(rows[0], rows.slice(1), options);
  return tooLong.length ? { ...parsed, lines: [], errors: [...tooLong, ...parsed.errors].sort((a, b) => a.line - b.line) } : parsed;
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
