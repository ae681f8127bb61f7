import { statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { type Identity, commandStreams } from '@bem/commands';
import type { LedgerCommand } from '@bem/domain';
import { startWorkerThread } from '@bem/threads';
import { type LedgerChunk, type LedgerChunkOptions, type LedgerFormat, readLedgerChunks } from '@bem/ledger-io';

/** A chunk of the file's valid commands with their line numbers (and identities when the worker computed them). */
export interface SourceChunk extends Omit<LedgerChunk, 'lines'> {
  commands: LedgerCommand[];
  refs: number[];
  identities?: Identity[];
}

/** A chunk as the worker hands it over (JSON text of this). */
export interface PackedChunk extends Omit<LedgerChunk, 'lines'> {
  commands: LedgerCommand[];
  refs: number[];
  hashes: string[];
  firstEventIds: string[];
}

export interface ParseWorkerData {
  path: string;
  format: LedgerFormat;
  options: LedgerChunkOptions;
  /** Chunks the worker may have posted ahead of the main thread. */
  window: number;
}

export type WorkerMessage = { chunk: string } | { done: true } | { error: string };

/** Files at least this big are parsed by a worker thread (below, starting it costs more than it saves); BEM_IMPORT_WORKER=off: never. */
const WORKER_MIN_BYTES = 1 << 20;
const WINDOW = 4;

/**
 * The chunks of a ledger file, in order: parsed on a worker thread (the second core) for a big JSON Lines file when the
 * worker can be started here, else on this thread. Either way the same chunks, lines and issues.
 */
export async function* ledgerChunks(path: string, format: LedgerFormat, options: LedgerChunkOptions): AsyncGenerator<SourceChunk> {
  const useWorker = format === 'jsonl' && process.env.BEM_IMPORT_WORKER !== 'off' && statSync(path).size >= WORKER_MIN_BYTES;
  const worker = useWorker ? startWorkerThread(join(__dirname, `parse-worker${extname(__filename)}`), { path, format, options, window: WINDOW } satisfies ParseWorkerData) : null;
  if (!worker) {
    yield* inThread(path, format, options);
    return;
  }
  const inbox: WorkerMessage[] = [];
  let failure: Error | null = null;
  let waiting: (() => void) | null = null;
  const notify = () => {
    waiting?.();
    waiting = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    inbox.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`import parse worker exited (${code})`);
    notify();
  });
  let started = false;
  try {
    for (;;) {
      while (inbox.length === 0 && !failure) await new Promise<void>((resolve) => (waiting = resolve));
      const message = inbox.shift();
      if (!message) {
        // The worker could not run here (e.g. no TypeScript loader in this process): read on this thread.
        if (!started) {
          yield* inThread(path, format, options);
          return;
        }
        throw failure;
      }
      started = true;
      if ('error' in message) throw new Error(`import parse worker: ${message.error}`);
      if ('done' in message) return;
      worker.postMessage(1);
      const { hashes, firstEventIds, ...chunk } = JSON.parse(message.chunk) as PackedChunk;
      yield { ...chunk, identities: hashes.map((hash, i) => ({ hash, firstEventId: firstEventIds[i], streams: commandStreams(chunk.commands[i]) })) };
    }
  } finally {
    worker.removeAllListeners();
    void worker.terminate();
  }
}

async function* inThread(path: string, format: LedgerFormat, options: LedgerChunkOptions): AsyncGenerator<SourceChunk> {
  for await (const { lines, ...chunk } of readLedgerChunks(path, format, options)) {
    yield { ...chunk, commands: lines.map((entry) => entry.command), refs: lines.map((entry) => entry.line) };
  }
}
