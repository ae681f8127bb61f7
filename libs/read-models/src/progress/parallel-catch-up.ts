import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { EventStore } from '@bem/event-store';
import { startWorkerThread } from '@bem/threads';
import type { PlainProgressChanges } from './progress-changes';
import type { ProgressReadModel } from './progress-read-model';

/** Below this many events behind, one thread reads them (starting workers costs ~100 ms). */
export const PARALLEL_MIN_EVENTS = 200_000;

const EMPTY_PART: PlainProgressChanges = { from: 0, to: 0, events: 0, departments: [], projects: [], facts: [], notes: [] };

/** The worker module beside this one (the same extension: .ts under tsx and vitest, .js compiled). */
const WORKER_MODULE = join(__dirname, `progress-range-worker${extname(__filename)}`);

function runRange(worker: Worker): Promise<PlainProgressChanges> {
  return new Promise((resolve, reject) => {
    worker.once('message', (part: PlainProgressChanges) => resolve(part));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`progress replay worker exited with ${code}`)));
  });
}

/**
 * A long catch-up of a store that offers range reads (sqlite file, postgres) split over worker threads: each reads and packs one position range,
 * the ranges are merged in order and written in one transaction with the checkpoint. Returns the events applied,
 * 0 when not worth it or not possible (memory store, in-memory database, one core, few events behind).
 */
export async function catchUpInParallel(
  store: EventStore,
  model: ProgressReadModel,
  onProgress?: (position: number) => void,
  { minEvents = PARALLEL_MIN_EVENTS, threads = Math.min(availableParallelism(), 4) }: { minEvents?: number; threads?: number } = {},
): Promise<number> {
  const source = store.replaySource?.();
  if (!source || threads < 2) return 0;
  const batch = model.begin();
  if (!batch.absorb) return 0;
  const from = model.position();
  const head = await store.headPosition();
  if (head - from < minEvents) return 0;
  const step = Math.ceil((head - from) / threads);
  const workers = Array.from({ length: threads }, (_, i) =>
    startWorkerThread(WORKER_MODULE, { source, from: from + i * step, to: Math.min(head, from + (i + 1) * step) }),
  );
  if (workers.some((worker) => worker === null)) {
    for (const worker of workers) void worker?.terminate();
    return 0; // no worker here (e.g. a packaged build without the module): the one-thread catch-up does the work
  }
  const parts = await Promise.all((workers as Worker[]).map(runRange));
  for (let i = 0; i < parts.length; i++) {
    batch.absorb(parts[i]);
    parts[i] = EMPTY_PART; // let the absorbed copy go before the next part is merged
  }
  if (!batch.commit()) return 0;
  onProgress?.(head);
  return batch.events;
}
