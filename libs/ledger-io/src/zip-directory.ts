import type { LedgerLimits } from './limits';

export interface ZipEntrySize {
  name: string;
  compressed: number;
  uncompressed: number;
}

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
/** A 32-bit size of 0xFFFFFFFF means the real one is in a ZIP64 record: far beyond any ledger. */
const ZIP64_MARK = 0xffffffff;

/**
 * The entries of a zip as its central directory declares them, read without inflating anything; null when the
 * bytes are not a readable zip. The declared sizes are what a reader such as exceljs will inflate.
 */
export function zipEntrySizes(zip: Buffer): ZipEntrySize[] | null {
  const searchFrom = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = zip.length - 22; at >= searchFrom; at--) {
    if (zip.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntrySize[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_ENTRY) return null;
    const compressed = zip.readUInt32LE(at + 20);
    const uncompressed = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, compressed, uncompressed });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** Why this XLSX must not be opened (a zip bomb, or simply too big once inflated), or null when it may. */
export function xlsxZipProblem(zip: Buffer, limits: LedgerLimits): string | null {
  const entries = zipEntrySizes(zip);
  if (!entries) return null; // not a zip: the XLSX reader answers "invalid XLSX" itself
  let total = 0;
  for (const entry of entries) {
    if (entry.compressed === ZIP64_MARK || entry.uncompressed === ZIP64_MARK) {
      return `XLSX 文件过大（ZIP64）/ XLSX too large (ZIP64 entry ${entry.name})`;
    }
    total += entry.uncompressed;
    const ratio = entry.uncompressed / Math.max(1, entry.compressed);
    if (entry.uncompressed > 1 << 20 && ratio > limits.xlsxMaxRatio) {
      return `XLSX 压缩比异常（${Math.round(ratio)}:1，上限 ${limits.xlsxMaxRatio}:1），疑为压缩炸弹，未读取 / zip ratio ${Math.round(ratio)}:1 above ${limits.xlsxMaxRatio}:1 in ${entry.name}: refused unread`;
    }
  }
  if (total > limits.xlsxMaxUncompressedBytes) {
    const mb = (bytes: number) => `${Math.round(bytes / (1 << 20))} MB`;
    return `XLSX 解压后 ${mb(total)}，超过上限 ${mb(limits.xlsxMaxUncompressedBytes)}，未读取 / XLSX inflates to ${mb(total)}, above the ${mb(limits.xlsxMaxUncompressedBytes)} limit: refused unread`;
  }
  return null;
}
