/**
 * Worker thread of `bem import`: reads and validates the ledger file (JSON.parse, zod, unit scaling) and computes each
 * command's identity (content hash, first event id), chunk by chunk, while the main thread decides and appends.
 * A chunk is posted as one JSON text (cheaper to hand over than an object graph); at most `window` chunks are ahead
 * of what the main thread has taken.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { identify } from '@bem/commands';
import { readLedgerChunks } from '@bem/ledger-io';
import type { ParseWorkerData, WorkerMessage } from './ledger-source';

const { path, format, options, window } = workerData as ParseWorkerData;
const port = parentPort as NonNullable<typeof parentPort>;
let credits = window;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
});

async function run(): Promise<void> {
  for await (const chunk of readLedgerChunks(path, format, options)) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    credits--;
    const identities = chunk.lines.map((entry) => identify(entry.command));
    const message: WorkerMessage = { chunk: JSON.stringify({ ...chunk, identities }) };
    port.postMessage(message);
  }
  port.postMessage({ done: true } satisfies WorkerMessage);
}

run().catch((error: unknown) => port.postMessage({ error: (error as Error).stack ?? String(error) } satisfies WorkerMessage));
