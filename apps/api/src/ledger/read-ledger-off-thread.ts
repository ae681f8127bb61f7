import { extname, join } from 'node:path';
import { type LedgerFormat, type ParsedLedger, type ReadLedgerOptions, readLedger } from '@bem/ledger-io';
import { startWorkerThread } from '@bem/threads';

export interface LedgerParseRequest {
  bytes: Uint8Array;
  format: LedgerFormat;
  options: ReadLedgerOptions;
}

type WorkerAnswer = { parsed: string } | { error: string };

/**
 * readLedger on a worker thread (parse-ledger-worker): a 45 MB file is minutes of JSON.parse and zod, which on the
 * event loop would stall every other request. Runs on this thread only when no worker can start.
 */
export async function readLedgerOffThread(content: Buffer, format: LedgerFormat, options: ReadLedgerOptions): Promise<ParsedLedger> {
  const request: LedgerParseRequest = { bytes: content, format, options };
  const worker = startWorkerThread(join(__dirname, `parse-ledger-worker${extname(__filename)}`), request);
  if (!worker) return readLedger(content, format, options);
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`ledger parse worker exited (${code})`)));
    });
    if ('error' in answer) throw new Error(`ledger parse worker failed: ${answer.error}`);
    return JSON.parse(answer.parsed) as ParsedLedger;
  } finally {
    void worker.terminate();
  }
}
