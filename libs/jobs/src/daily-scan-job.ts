import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { todayInChina } from '@bem/domain';
import type { DailyScanResult, DailyScanService } from '@bem/monitoring';
import type { ProgressProjection } from '@bem/read-models';

export const DAILY_SCAN_QUEUE = 'bem-daily-scan';
/** One scheduler for the whole office: upserting it again (a restart, a second worker) keeps one schedule. */
export const DAILY_SCAN_SCHEDULER = 'daily-scan';
/** 00:15 every day, China time: the day that just ended is scanned. */
export const DAILY_SCAN_CRON = '15 0 * * *';

/** Scans every department with projects in the fiscal year of the day that just ended. */
export async function runDailyScan(progress: ProgressProjection, scanner: DailyScanService, now = new Date()): Promise<DailyScanResult[]> {
  const year = Number(todayInChina(new Date(now.getTime() - 86_400_000)).slice(0, 4));
  const codes = (await progress.departmentYears()).filter((row) => row.fiscalYear === year).map((row) => row.departmentCode).sort();
  const results: DailyScanResult[] = [];
  for (const code of codes) results.push(await scanner.scan(code, year, now));
  return results;
}

/**
 * The daily scan as a repeatable BullMQ job (one job scheduler, Asia/Shanghai). A worker starting also queues the
 * day's scan once (job id of the day: a restart or a second worker the same day adds none), so a day the worker
 * was down at 00:15 is still scanned. Several workers share the queue; each run is taken by one of them, and a
 * scan raises nothing twice anyway.
 */
export async function scheduleDailyScan(connection: Redis, progress: ProgressProjection, scanner: DailyScanService, log: (m: string) => void) {
  const queue = new Queue(DAILY_SCAN_QUEUE, { connection });
  const kept = { removeOnComplete: { age: 3 * 86_400 }, removeOnFail: { age: 3 * 86_400 } };
  await queue.upsertJobScheduler(DAILY_SCAN_SCHEDULER, { pattern: DAILY_SCAN_CRON, tz: 'Asia/Shanghai' }, { name: 'scan', data: {}, opts: kept });
  await queue.add('scan', {}, { jobId: `on-start-${todayInChina()}`, ...kept });
  const worker = new Worker(DAILY_SCAN_QUEUE, async () => {
    const results = await runDailyScan(progress, scanner);
    const raised = results.reduce((sum, row) => sum + row.raised, 0);
    if (raised) log(`日常监控 / daily scan: ${raised} 张预警卡 / cards raised`);
    return results;
  }, { connection, concurrency: 1 });
  worker.on('error', (error) => log(`daily scan worker: ${error.message}`));
  return { queue, worker, close: async () => { await worker.close(); await queue.close(); } };
}
