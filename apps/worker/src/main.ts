#!/usr/bin/env node
import { openEventStore, storeSpecFromEnv } from '@bem/event-store';
import { ProgressProjection, openProgressReadModel } from '@bem/read-models';
import { startWorker } from '@bem/jobs';

/** `npm run worker`: alert delivery + checkpoint jobs over $BEM_EVENTSTORE_URL or $BEM_STORE (BullMQ when $BEM_REDIS_URL is set). */
async function main(): Promise<void> {
  const log = (message: string) => process.stderr.write(`[worker] ${message}\n`);
  const store = openEventStore(storeSpecFromEnv());
  const readModel = openProgressReadModel(store);
  const progress = new ProgressProjection(store, readModel.model);
  const worker = await startWorker(store, progress, log);
  const shutdown = async () => {
    await worker.stop();
    readModel.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`[worker] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
