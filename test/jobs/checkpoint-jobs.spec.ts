import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventStore } from '@bem/event-store';
import { CheckpointService, loadProfile } from '@bem/monitoring';
import { MemoryProgressReadModel, ProgressProjection } from '@bem/read-models';
import { fixturePath, importCommands, ledgerCommands } from '../../libs/monitoring/src/checkpoints/spec-support';
import { redisConnection } from '../../libs/jobs/src/bullmq-dispatcher';
import { CHECKPOINT_QUEUE, cronAfter, fiscalYearOfRun, runCheckpointJob, scheduleCheckpointJobs } from '../../libs/jobs/src/checkpoint-jobs';
import { RedisProcess } from './support/redis-server';

describe('checkpoint jobs', () => {
  let redis: RedisProcess;
  beforeAll(async () => {
    redis = await RedisProcess.start();
  });
  afterAll(async () => {
    await redis?.kill();
  });

  it('run just after each checkpoint day ends, for the right fiscal year', () => {
    expect(['06-30', '09-30', '11-30', '12-31', '02-28'].map(cronAfter)).toEqual(['5 0 1 7 *', '5 0 1 10 *', '5 0 1 12 *', '5 0 1 1 *', '5 0 1 3 *']);
    expect(fiscalYearOfRun('06-30', '2025-07-01')).toBe(2025);
    expect(fiscalYearOfRun('12-31', '2026-01-01')).toBe(2025);
  });

  it('are repeatable BullMQ schedulers, one per profile checkpoint (Asia/Shanghai)', async () => {
    const store = new MemoryEventStore();
    const service = new CheckpointService(store, new ProgressProjection(store, new MemoryProgressReadModel()));
    const connection = redisConnection(redis.url);
    const jobs = await scheduleCheckpointJobs(connection, [loadProfile('national'), loadProfile('sichuan-2025')], store, service, () => {});
    const schedulers = await new Queue(CHECKPOINT_QUEUE, { connection }).getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      ['national@06-30', '5 0 1 7 *', 'Asia/Shanghai'],
      ['national@09-30', '5 0 1 10 *', 'Asia/Shanghai'],
      ['national@11-30', '5 0 1 12 *', 'Asia/Shanghai'],
      ['sichuan-2025@04-30', '5 0 1 5 *', 'Asia/Shanghai'],
      ['sichuan-2025@06-30', '5 0 1 7 *', 'Asia/Shanghai'],
      ['sichuan-2025@08-31', '5 0 1 9 *', 'Asia/Shanghai'],
      ['sichuan-2025@10-31', '5 0 1 11 *', 'Asia/Shanghai'],
    ]);
    await jobs.close();
    connection.disconnect();
  });

  it('the job body evaluates every department of the year, idempotently', async () => {
    const store = new MemoryEventStore();
    // Without its AssignProfile line the department-year runs under the office default (national)
    await importCommands(store, ledgerCommands(fixturePath('sichuan-2020.jsonl')).filter((command) => command.command !== 'AssignProfile'));
    const service = new CheckpointService(store, new ProgressProjection(store, new MemoryProgressReadModel()));
    const now = new Date('2020-10-01T00:10:00+08:00');
    // 06-30: behindSchedule 5, idleFunds 1, yearEndForecast 4 on 5 subjects; 09-30: behindSchedule 6, idleFunds 1, largeAdjustments 1, yearEndForecast 4 on 6: one card per subject and checkpoint
    // sc-szyb (各市（州）医疗保障局) holds the three 转移支付 programs passed down by sc-ybj, paid only on 12-31 (the seed dates no payment): behind at both
    expect(await runCheckpointJob(store, service, 'national', 2020, now)).toEqual([
      { departmentCode: 'sc-szyb', checkpoints: 2, alerts: 8 },
      { departmentCode: 'sc-ybj', checkpoints: 2, alerts: 11 },
    ]);
    expect(await runCheckpointJob(store, service, 'national', 2020, now)).toEqual([
      { departmentCode: 'sc-szyb', checkpoints: 0, alerts: 0 },
      { departmentCode: 'sc-ybj', checkpoints: 0, alerts: 0 },
    ]);
  });

  it('the job evaluates each department under the profile it is assigned, whichever schedule fired', async () => {
    const store = new MemoryEventStore();
    await importCommands(store, ledgerCommands(fixturePath('sichuan-2020.jsonl')));
    const service = new CheckpointService(store, new ProgressProjection(store, new MemoryProgressReadModel()));
    const now = new Date('2020-10-01T00:10:00+08:00');
    const [result] = await runCheckpointJob(store, service, 'national', 2020, now);
    expect(result.checkpoints).toBe(2);
    const evaluated = (await store.readStream('monitoring-sc-ybj-2020')).filter((event) => event.type === 'CheckpointEvaluated');
    expect(evaluated.map((event) => (event.data as { profile: string }).profile)).toEqual(['sichuan-2020', 'sichuan-2020']);
  });
});
