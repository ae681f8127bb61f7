import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitoringStream, todayInChina } from '@bem/domain';
import { SqliteEventStore } from '@bem/event-store';
import { raisedAlertsOf } from '@bem/monitoring';
import { redisConnection } from '../../libs/jobs/src/bullmq-dispatcher';
import { DAILY_SCAN_QUEUE, DAILY_SCAN_SCHEDULER } from '../../libs/jobs/src/daily-scan-job';
import { ROOT, bem, startWorkerProcess, tempDir } from '../support/product';
import { waitFor } from './support/alerts';
import { RedisProcess } from './support/redis-server';

/**
 * The daily scan (资金闲置 / 到位滞后 every day, not only at checkpoints) run by `npm run worker` on a real Redis.
 * The office's profile here is the national one with idle funds after 1 day, so a project issued on 01-01 and
 * never paid is idle on any day from 01-03 on (the test cannot pass on 01-01 / 01-02, China time).
 */
describe('daily scan (npm run worker, real redis-server)', () => {
  let redis: RedisProcess;
  beforeAll(async () => {
    redis = await RedisProcess.start();
  });
  afterAll(async () => {
    await redis?.kill();
  });

  it('raises one card naming the day for an idle project, none for a busy one, and none again on the next run or a restart', async () => {
    const dir = tempDir('bem-scan-');
    const yesterday = todayInChina(new Date(Date.now() - 86_400_000));
    const year = Number(yesterday.slice(0, 4));
    const profile = JSON.parse(readFileSync(join(ROOT, 'libs/monitoring/profiles/national.json'), 'utf8'));
    profile.name = 'scan-test';
    profile.alertRules.idleFunds.days = 1;
    writeFileSync(join(dir, 'scan-test.json'), JSON.stringify(profile));
    const lines = [
      { command: 'RegisterDepartment', departmentCode: 'scan-d', name: '日常监控部门' },
      { command: 'RegisterProject', projectId: 'scan-idle', departmentCode: 'scan-d', fiscalYear: year, name: '闲置项目', kind: 'project' },
      { command: 'IssueBudget', projectId: 'scan-idle', occurredOn: `${year}-01-01`, amount: '100000.00', source: 'own', basis: 'initial' },
      { command: 'RegisterProject', projectId: 'scan-busy', departmentCode: 'scan-d', fiscalYear: year, name: '在用项目', kind: 'project' },
      { command: 'IssueBudget', projectId: 'scan-busy', occurredOn: `${year}-01-01`, amount: '100000.00', source: 'own', basis: 'initial' },
      { command: 'RecordFundsArrival', projectId: 'scan-busy', occurredOn: `${year}-01-01`, amount: '100000.00', source: 'own' },
      { command: 'RecordPayment', projectId: 'scan-busy', paymentId: 'scan-pay', occurredOn: yesterday, amount: '10.00' },
    ].map((line, i) => JSON.stringify({ ...line, id: `scan-${i}` }));
    const ledger = join(dir, 'scan.jsonl');
    writeFileSync(ledger, `${lines.join('\n')}\n`);
    const path = join(dir, 'bem.sqlite');
    expect((await bem(['import', ledger, '--store', path])).code).toBe(0);
    const env = { BEM_REDIS_URL: redis.url, BEM_PROFILES_DIR: dir, BEM_PROFILES: 'scan-test' };
    const store = SqliteEventStore.open(path);
    const cards = async () => (await store.readStream(monitoringStream('scan-d', year))).flatMap(raisedAlertsOf);
    const connection = redisConnection(redis.url);
    const queue = new Queue(DAILY_SCAN_QUEUE, { connection });
    let worker = startWorkerProcess(path, env);
    try {
      await waitFor(async () => (await cards()).length > 0, 120_000, 'the first scan card');
      const [card] = await cards();
      expect(card.projectId).toBe('scan-idle');
      expect(card.checkpoint).toBeNull();
      expect(card.figures.scannedOn).toBe(yesterday);
      expect(card.message.zh).toContain(`${yesterday} 日常监控`);
      expect(card.rules?.map((finding) => finding.rule).sort()).toEqual(['idleFunds', 'lowArrival']);

      // The next run (what the scheduler queues at 00:15 tomorrow): the card is still open, nothing is raised twice
      const next = await queue.add('scan', {}, { jobId: 'scan-next-run' });
      await waitFor(async () => (await queue.getJobState(next.id!)) === 'completed', 60_000, 'the next scan run');
      expect((await cards()).length).toBe(1);

      // A restart keeps one schedule and queues no second run of the day
      await worker.stop();
      worker = startWorkerProcess(path, env);
      await waitFor(() => /started \(bullmq/.test(worker.stderr() + worker.stdout()), 120_000, 'the restarted worker');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.filter((scheduler) => scheduler.key === DAILY_SCAN_SCHEDULER).map((scheduler) => [scheduler.pattern, scheduler.tz])).toEqual([['15 0 * * *', 'Asia/Shanghai']]);
      expect((await cards()).length).toBe(1);
    } finally {
      await worker.stop();
      await queue.close();
      connection.disconnect();
      await store.close();
    }
    // What a manager sees: one open card for the idle project, in Chinese, dated by its scan
    const listed = await bem(['alerts', '--department', 'scan-d', '--year', String(year), '--store', path, '--json']);
    expect(listed.code).toBe(0);
    const rows = (JSON.parse(listed.stdout) as { alerts: { projectId: string; status: string; message: { zh: string } }[] }).alerts;
    expect(rows.map((row) => [row.projectId, row.status])).toEqual([['scan-idle', 'open']]);
    expect(rows[0].message.zh).toMatch(/已 \d+ 天无支付/);
  }, 300_000);
});
