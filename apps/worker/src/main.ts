#!/usr/bin/env node
import { SqliteEventStore, openEventStore } from '@bem/event-store';
import { MemoryProgressReadModel, ProgressProjection, SqliteProgressReadModel } from '@bem/monitoring';
import { startWorker } from './start-worker';

/** `npm run worker`: alert delivery + checkpoint jobs over $BEM_STORE (BullMQ when $BEM_REDIS_URL is set). */
async function main(): Promise<void> {
  const log = (message: string) => process.stderr.write(`[worker] ${message}\n`);
  const store = openEventStore(process.env.BEM_STORE || './data/bem.sqlite');
  const progress = new ProgressProjection(store, store instanceof SqliteEventStore ? new SqliteProgressReadModel(store.db) : new MemoryProgressReadModel());
  const worker = await startWorker(store, progress, log);
  const shutdown = async () => {
    await worker.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

void main();
