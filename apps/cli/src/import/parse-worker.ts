/**
 * Worker thread of `bem import`: reads and validates the ledger file (JSON.parse, zod, unit scaling) and computes each
 * command's identity (content hash, first event id), chunk by chunk, while the main thread decides and appends.
 * A chunk is posted as one JSON text (cheaper to hand over than an object graph); at most `window` chunks are ahead
 * of what the main thread has taken.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { identify } from '@bem/commands';
import { readLedgerChunks } from '@bem/ledger-io';
import type { PackedChunk, ParseWorkerData, WorkerMessage } from './ledger-source';

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
    const commands = chunk.lines.map((entry) => entry.command);
    const hashes: string[] = [];
    const firstEventIds: string[] = [];
    for (const command of commands) {
      const { hash, firstEventId } = identify(command);
      hashes.push(hash);
      firstEventIds.push(firstEventId);
    }
    // Flat arrays rather than one object per line: less JSON for the main thread to parse.
    const packed: PackedChunk = {
      commands,
      refs: chunk.lines.map((entry) => entry.line),
      hashes,
      firstEventIds,
      errors: chunk.errors,
      warnings: chunk.warnings,
      bytesRead: chunk.bytesRead,
    };
    const message: WorkerMessage = { chunk: JSON.stringify(packed) };
    port.postMessage(message);
  }
  port.postMessage({ done: true } satisfies WorkerMessage);
}

run().catch((error: unknown) => port.postMessage({ error: (error as Error).stack ?? String(error) } satisfies WorkerMessage));
