import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running `modulePath` (a module beside the caller, given with the caller's own extension): a
 * compiled `.js` file directly; a `.ts` source (tsx, vitest) through tsx's loader, which the worker registers itself
 * since a worker starts without its parent's loader. Null when the module or the loader is not there: the caller
 * then does the work on its own thread.
 */
export function startWorkerThread(modulePath: string, workerData: unknown): Worker | null {
  if (!existsSync(modulePath)) return null;
  try {
    if (extname(modulePath) !== '.ts') return new Worker(modulePath, { workerData });
    const tsx = require.resolve('tsx/cjs');
    return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(modulePath)});`, { eval: true, workerData });
  } catch {
    return null;
  }
}
