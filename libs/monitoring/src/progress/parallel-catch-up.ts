import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type EventStore, SqliteEventStore } from '@bem/event-store';
import type { PlainProgressChanges } from './progress-changes';
import type { ProgressReadModel } from './progress-read-model';

/** Below this many events behind, one thread reads them (starting workers costs ~100 ms). */
export const PARALLEL_MIN_EVENTS = 200_000;

let workerCode: string | null | undefined;

const EMPTY_PART: PlainProgressChanges = { from: 0, to: 0, events: 0, departments: [], projects: [], facts: [] };

/**
 * The worker's code, bundled once per process with esbuild (a dependency of tsx, which runs the product):
 * worker threads start without the TypeScript loader of their parent, whichever it is (tsx, vitest).
 */
function bundledWorker(): string | null {
  if (workerCode !== undefined) return workerCode;
  try {
    workerCode = bundle();
  } catch {
    workerCode = null; // e.g. a packaged build without the sources: the one-thread catch-up does the work
  }
  return workerCode;
}

function bundle(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const sqlite = require.resolve('better-sqlite3');
  const built = esbuild.buildSync({
    entryPoints: [join(__dirname, 'progress-range-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    // The native module is required by absolute path: an eval'd worker resolves bare names from the cwd.
    alias: { 'better-sqlite3': sqlite },
    external: [sqlite],
  });
  return built.outputFiles[0].text;
}

function runRange(code: string, file: string, from: number, to: number): Promise<PlainProgressChanges> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { file, from, to } });
    worker.once('message', (part: PlainProgressChanges) => resolve(part));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`progress replay worker exited with ${code}`)));
  });
}

/**
 * A long catch-up of a sqlite store file split over worker threads: each reads and packs one position range,
 * the ranges are merged in order and written in one transaction with the checkpoint. Returns the events applied,
 * 0 when not worth it or not possible (memory store, in-memory database, one core, few events behind).
 */
export async function catchUpInParallel(
  store: EventStore,
  model: ProgressReadModel,
  onProgress?: (position: number) => void,
  { minEvents = PARALLEL_MIN_EVENTS, threads = Math.min(availableParallelism(), 4) }: { minEvents?: number; threads?: number } = {},
): Promise<number> {
  if (!(store instanceof SqliteEventStore)) return 0;
  const file = store.db.name;
  if (!file || file === ':memory:' || store.db.memory || threads < 2) return 0;
  const batch = model.begin();
  if (!batch.absorb) return 0;
  const from = model.position();
  const head = await store.headPosition();
  if (head - from < minEvents) return 0;
  const code = bundledWorker();
  if (code === null) return 0;
  const step = Math.ceil((head - from) / threads);
  const ranges = Array.from({ length: threads }, (_, i) => [from + i * step, Math.min(head, from + (i + 1) * step)] as const);
  const parts = await Promise.all(ranges.map(([start, end]) => runRange(code, file, start, end)));
  for (let i = 0; i < parts.length; i++) {
    batch.absorb(parts[i]);
    parts[i] = EMPTY_PART; // let the absorbed copy go before the next part is merged
  }
  if (!batch.commit()) return 0;
  onProgress?.(head);
  return batch.events;
}
