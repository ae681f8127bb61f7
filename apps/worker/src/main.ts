#!/usr/bin/env node
import { todayInChina } from '@bem/domain';
import { CheckpointService, MemoryProgressReadModel, ProgressProjection, SqliteProgressReadModel, loadProfile } from '@bem/monitoring';
import { SqliteEventStore, openEventStore } from '@bem/event-store';
import { AlertWorker, configFromEnv } from './alert-worker';
import { redisConnection } from './bullmq-dispatcher';
import { runCheckpointJob, scheduleCheckpointJobs } from './checkpoint-jobs';

/** `tsx apps/worker/src/main.ts`: alert delivery + checkpoint jobs over $BEM_STORE (BullMQ when $BEM_REDIS_URL is set). */
async function main(): Promise<void> {
  const log = (message: string) => process.stderr.write(`[worker] ${message}\n`);
  const store = openEventStore(process.env.BEM_STORE || './data/bem.sqlite');
  const progress = new ProgressProjection(store, store instanceof SqliteEventStore ? new SqliteProgressReadModel(store.db) : new MemoryProgressReadModel());
  const service = new CheckpointService(store, progress);
  // The profiles this office runs (default national); `bem checkpoints --profile` covers the others on demand.
  const profiles = (process.env.BEM_PROFILES || 'national').split(',').map((name) => loadProfile(name.trim()));
  const config = { ...configFromEnv(), log };
  const alerts = new AlertWorker(store, config);
  await alerts.start();
  let closeJobs: () => Promise<void>;
  if (config.redisUrl) {
    const jobs = await scheduleCheckpointJobs(redisConnection(config.redisUrl), profiles, store, service, log);
    closeJobs = jobs.close;
  } else {
    // In-process: check hourly; evaluation is idempotent, so re-running only adds what is new.
    const tick = async () => {
      const year = Number(todayInChina().slice(0, 4));
      for (const profile of profiles) for (const fiscalYear of [year - 1, year]) await runCheckpointJob(store, service, profile.name, fiscalYear);
    };
    const timer = setInterval(() => void tick().catch((error) => log(String(error))), 3600_000);
    void tick().catch((error) => log(String(error)));
    closeJobs = async () => clearInterval(timer);
  }
  log(`started (${config.redisUrl ? 'BullMQ' : 'in-process'}; profiles ${profiles.map((p) => p.name).join(', ')})`);
  const shutdown = async () => {
    await closeJobs();
    await alerts.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

void main();
