import { todayInChina } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import { CheckpointService, DailyScanService, loadProfile } from '@bem/monitoring';
import { type ProgressProjection } from '@bem/read-models';
import { AlertWorker, configFromEnv } from './alert-worker';
import { redisConnection } from './bullmq-dispatcher';
import { runCheckpointJob, scheduleCheckpointJobs } from './checkpoint-jobs';
import { runDailyScan, scheduleDailyScan } from './daily-scan-job';

export interface RunningWorker {
  mode: 'bullmq' | 'in-process';
  stop(): Promise<void>;
}

/**
 * Alert delivery + checkpoint jobs over a store: BullMQ when $BEM_REDIS_URL is set, otherwise the same
 * processors in this process. `npm start` runs it inside the API process; `npm run worker` on its own.
 */
export async function startWorker(store: EventStore, progress: ProgressProjection, log: (message: string) => void): Promise<RunningWorker> {
  const service = new CheckpointService(store, progress);
  const scanner = new DailyScanService(store, progress);
  // The profiles this office runs (default national); `bem checkpoints --profile` covers the others on demand.
  const profiles = (process.env.BEM_PROFILES || 'national').split(',').map((name) => loadProfile(name.trim()));
  const config = { ...configFromEnv(), log };
  const alerts = new AlertWorker(store, config);
  await alerts.start();
  let closeJobs: () => Promise<void>;
  if (config.redisUrl) {
    const connection = redisConnection(config.redisUrl);
    const jobs = await scheduleCheckpointJobs(connection, profiles, store, service, log, progress);
    const scans = await scheduleDailyScan(connection, progress, scanner, log);
    closeJobs = async () => {
      await jobs.close();
      await scans.close();
      connection.disconnect();
    };
  } else {
    // In-process: check hourly; evaluation and the daily scan are idempotent, so re-running only adds what is new.
    const tick = async () => {
      const year = Number(todayInChina().slice(0, 4));
      for (const profile of profiles) for (const fiscalYear of [year - 1, year]) await runCheckpointJob(store, service, profile.name, fiscalYear, new Date(), progress);
      await runDailyScan(progress, scanner);
    };
    const timer = setInterval(() => void tick().catch((error) => log(String(error))), 3600_000);
    timer.unref();
    void tick().catch((error) => log(String(error)));
    closeJobs = async () => clearInterval(timer);
  }
  const mode = config.redisUrl ? 'bullmq' : 'in-process';
  log(`started (${mode}; profiles ${profiles.map((p) => p.name).join(', ')})`);
  return {
    mode,
    stop: async () => {
      await closeJobs();
      await alerts.stop();
    },
  };
}
