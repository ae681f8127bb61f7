import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parseLedgerLine } from './jsonl';
import { readLedger } from './read-ledger';
import type { AmountUnit, LedgerFormat, ParsedLedger, ReadLedgerOptions } from './types';

export interface LedgerChunk extends ParsedLedger {
  /** Bytes of the file read so far (for a progress bar; the file's size once the last chunk is out). */
  bytesRead: number;
}

export interface LedgerChunkOptions extends ReadLedgerOptions {
  /** Lines per chunk (default 1000: small chunks die young, so the collector has less to copy and promote). */
  chunkLines?: number;
}

const DEFAULT_CHUNK_LINES = 1_000;

/**
 * Reads a ledger file chunk by chunk, in file order, each line validated as `readLedger` does (same line numbers,
 * same issues): a JSON Lines file is streamed, so memory is bounded by a chunk; CSV and XLSX (small in practice)
 * are read whole and handed out in chunks.
 */
export async function* readLedgerChunks(path: string, format: LedgerFormat, options: LedgerChunkOptions = {}): AsyncGenerator<LedgerChunk> {
  const chunkLines = options.chunkLines ?? DEFAULT_CHUNK_LINES;
  if (format === 'jsonl') {
    yield* jsonlChunks(path, options.unit ?? '元', chunkLines);
    return;
  }
  const { readFile } = await import('node:fs/promises');
  const content = await readFile(path);
  const parsed = await readLedger(content, format, options);
  const end = Math.max(parsed.lines.length, 1);
  for (let start = 0; start < end; start += chunkLines) {
    const first = start === 0;
    yield {
      lines: parsed.lines.slice(start, start + chunkLines),
      // Issues of a table ledger come with the first chunk (they are few; line numbers say where).
      errors: first ? parsed.errors : [],
      warnings: first ? parsed.warnings : [],
      bytesRead: start + chunkLines >= end ? content.length : Math.round((content.length * (start + chunkLines)) / end),
    };
  }
}

async function* jsonlChunks(path: string, unit: AmountUnit, chunkLines: number): AsyncGenerator<LedgerChunk> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let lineNumber = 0;
  let bytesRead = 0;
  let chunk: LedgerChunk = { lines: [], errors: [], warnings: [], bytesRead: 0 };
  let linesInChunk = 0;
  const take = (text: string) => {
    lineNumber++;
    if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // split(/\r?\n/) as parseLedger does: a line's trailing \r is not part of it
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    parseLedgerLine(text, lineNumber, unit, chunk);
    linesInChunk++;
  };
  for await (const buffer of createReadStream(path, { highWaterMark: 1 << 20 })) {
    bytesRead += (buffer as Buffer).length;
    const text = pending + decoder.write(buffer as Buffer);
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      take(text.slice(start, newline));
      start = newline + 1;
      if (linesInChunk >= chunkLines) {
        chunk.bytesRead = bytesRead;
        yield chunk;
        chunk = { lines: [], errors: [], warnings: [], bytesRead: 0 };
        linesInChunk = 0;
      }
    }
    pending = text.slice(start);
  }
  take(pending + decoder.end());
  chunk.bytesRead = bytesRead;
  yield chunk;
}
