import { parentPort, workerData } from 'node:worker_threads';
import { type ReplaySource, visitPositionRange } from '@bem/event-store';
import { ProgressChanges } from './progress-changes';
import { PROGRESS_EVENT_TYPES } from './progress-facts';

/**
 * Worker thread of the parallel replay: reads the position range (from, to] of the store and posts back
 * what it changes in the progress read model, packed (see parallel-catch-up.ts).
 */
const { source, from, to } = workerData as { source: ReplaySource; from: number; to: number };
async function replayRange(): Promise<void> {
  const changes = new ProgressChanges(from);
  await visitPositionRange(source, from, to, PROGRESS_EVENT_TYPES, (position, type, recordedAt, data) => changes.addOne(position, type, recordedAt, data));
  changes.to = to;
  const plain = changes.toPlain();
  const buffers = plain.facts.flatMap(([, c]) => [c.position.buffer, c.recordedAt.buffer, c.day.buffer, c.amounts.buffer]);
  parentPort?.postMessage(plain, buffers as ArrayBuffer[]);
}

replayRange().catch((error: unknown) => {
  throw error; // an uncaught error ends the thread: the caller's worker 'error' handler rejects
});
