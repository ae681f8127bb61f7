import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseStoredEvent, todayInChina } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import type { CheckpointService, Profile } from '@bem/monitoring';
import type { ProgressProjection } from '@bem/read-models';

export const CHECKPOINT_QUEUE = 'bem-checkpoints';

/** Cron (Asia/Shanghai) for just after a checkpoint day ends: 06-30 -> 00:05 on 07-01. */
export function cronAfter(monthDay: string): string {
  const next = new Date(Date.UTC(2021, Number(monthDay.slice(0, 2)) - 1, Number(monthDay.slice(3)) + 1));
  return `5 0 ${next.getUTCDate()} ${next.getUTCMonth() + 1} *`;
}

/** The fiscal year a checkpoint job run belongs to: 12-31 is evaluated on 01-01 of the next year. */
export function fiscalYearOfRun(monthDay: string, today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) <= monthDay ? year - 1 : year;
}

/** Departments with projects in the year: from the progress read model when there is one, else read from the stored log. */
export async function departmentsOf(store: EventStore, fiscalYear: number, progress?: ProgressProjection): Promise<string[]> {
  if (progress) return (await progress.departmentYears()).filter((row) => row.fiscalYear === fiscalYear).map((row) => row.departmentCode).sort();
  const codes = new Set<string>();
  for (let from = 0; ; ) {
    const events = await store.readAll({ fromPosition: from, limit: 10_000 });
    if (events.length === 0) return [...codes].sort();
    for (const event of events) {
      if (event.type !== 'ProjectRegistered') continue;
      const parsed = parseStoredEvent(event);
      if (parsed.type === 'ProjectRegistered' && parsed.data.fiscalYear === fiscalYear) codes.add(parsed.data.departmentCode);
    }
    from = events[events.length - 1].position;
  }
}

/**
 * Evaluates every due checkpoint of every department of the year under the profile it is assigned (AssignProfile,
 * else the office default), whichever profile's schedule fired (idempotent: nothing twice).
 */
export async function runCheckpointJob(store: EventStore, service: CheckpointService, _firedBy: string, fiscalYear: number, now = new Date(), progress?: ProgressProjection) {
  const results: { departmentCode: string; checkpoints: number; alerts: number }[] = [];
  for (const code of await departmentsOf(store, fiscalYear, progress)) {
    const report = await service.evaluate(code, fiscalYear, undefined, { now, actor: 'worker' });
    results.push({ departmentCode: code, ...report.appended });
  }
  return results;
}

/** Repeatable BullMQ jobs, one scheduler per (profile, checkpoint). */
export async function scheduleCheckpointJobs(connection: Redis, profiles: Profile[], store: EventStore, service: CheckpointService, log: (m: string) => void, progress?: ProgressProjection) {
  const queue = new Queue(CHECKPOINT_QUEUE, { connection });
  for (const profile of profiles) {
    for (const checkpoint of profile.checkpoints) {
      await queue.upsertJobScheduler(`${profile.name}@${checkpoint.monthDay}`, { pattern: cronAfter(checkpoint.monthDay), tz: 'Asia/Shanghai' }, {
        name: 'evaluate',
        data: { profile: profile.name, monthDay: checkpoint.monthDay },
      });
    }
  }
  const worker = new Worker(CHECKPOINT_QUEUE, async (job) => {
    const { profile, monthDay } = job.data as { profile: string; monthDay: string };
    return runCheckpointJob(store, service, profile, fiscalYearOfRun(monthDay, todayInChina()), new Date(), progress);
  }, { connection, concurrency: 1 });
  worker.on('error', (error) => log(`checkpoint worker: ${error.message}`));
  return { queue, worker, close: async () => { await worker.close(); await queue.close(); } };
}
