import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@bem/event-store';
import { CheckpointService } from '@bem/monitoring';
import { MemoryProgressReadModel, ProgressProjection } from '@bem/read-models';
import { importCommands, fixturePath, ledgerCommands } from '../../libs/monitoring/src/checkpoints/spec-support';
import { AlertWorker } from '../../libs/jobs/src/alert-worker';
import { appendAlerts, tempFile, waitFor } from './support/alerts';
import { RedisProcess } from './support/redis-server';
import { MailReceiver, WebhookReceiver } from './support/receivers';

const SECRET = 'test-secret-预警';
const FAST = { tickMs: 100, requeueAfterMs: 1500, backoffMs: 100, attempts: 10 };
const quiet = () => {};

describe('alert delivery through BullMQ on a real redis-server', () => {
  let redis: RedisProcess;
  let webhook: WebhookReceiver;
  let mail: MailReceiver;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    mail = new MailReceiver();
    await mail.start();
  });
  afterAll(async () => {
    await redis?.kill();
    await mail?.stop();
  });

  it('delivers the sichuan-2020 checkpoint alert cards once each to the inbox, the signed webhook and by e-mail', async () => {
    webhook = new WebhookReceiver(SECRET);
    webhook.failFirst = 3; // retried with backoff
    await webhook.start();
    const store = SqliteEventStore.open(tempFile('bem.sqlite'));
    await importCommands(store, ledgerCommands(fixturePath('sichuan-2020.jsonl')));
    const report = await new CheckpointService(store, new ProgressProjection(store, new MemoryProgressReadModel())).evaluate('sc-ybj', 2020, 'sichuan-2020', { now: new Date('2021-03-01T02:00:00Z') });
    expect(report.appended.alerts).toBe(15);
    const worker = new AlertWorker(store, { redisUrl: redis.url, webhook: { url: webhook.url, secret: SECRET }, smtp: { url: mail.url, from: 'bem@test', to: 'cwk@test' }, dispatch: FAST, log: quiet });
    const mailsBefore = mail.messages.length;
    await worker.start();
    await waitFor(() => worker.outbox.counts().delivered === 15 * 2, 90_000, 'every alert on every channel');
    await worker.stop();
    expect(webhook.received.size).toBe(15);
    expect(webhook.duplicates).toBe(0);
    expect(webhook.badSignatures).toBe(0);
    expect(webhook.requests).toBe(15 + 3);
    expect(worker.outbox.inbox('sc-ybj', 2020)).toHaveLength(15);
    const mails = mail.messages.slice(mailsBefore);
    expect(mails).toHaveLength(15);
    expect(mails.filter((text) => /^x-bem-alert-id: [0-9a-f-]{36}$/im.test(text))).toHaveLength(15);
    expect(mails.every((text) => /^To: cwk@test/m.test(text) && /^From: bem@test/m.test(text))).toBe(true);
    await webhook.stop();
    await store.close();
  }, 180_000);

  it('loses no alert and delivers none twice when redis-server is killed and restarted mid-run', async () => {
    webhook = new WebhookReceiver(SECRET);
    await webhook.start();
    const path = tempFile('bem.sqlite');
    const store = SqliteEventStore.open(path);
    const ids = await appendAlerts(store, 0, 1500);
    const worker = new AlertWorker(store, { redisUrl: redis.url, webhook: { url: webhook.url, secret: SECRET }, dispatch: { ...FAST, concurrency: 5 }, log: quiet });
    await worker.start();
    await waitFor(() => webhook.received.size >= 200, 90_000, 'first deliveries');
    expect(webhook.received.size).toBeLessThan(1500); // still mid-run
    await redis.restart(300); // no persistence: every queued job is gone
    await waitFor(() => webhook.received.size === 1500 && worker.outbox.counts().delivered === 1500, 60_000, 'all alerts after the restart');
    await new Promise((resolve) => setTimeout(resolve, 2000)); // would a late re-dispatch deliver again?
    await worker.stop();
    expect([...webhook.received.keys()].sort()).toEqual([...ids].sort());
    expect(webhook.duplicates).toBe(0);
    expect(webhook.badSignatures).toBe(0);

    // A new worker resumes from the saved position: old alerts are not sent again, new ones are.
    const reopened = SqliteEventStore.open(path);
    const more = await appendAlerts(reopened, 1500, 20);
    const second = new AlertWorker(reopened, { redisUrl: redis.url, webhook: { url: webhook.url, secret: SECRET }, dispatch: FAST, log: quiet });
    await second.start();
    await waitFor(() => webhook.received.size === 1520, 90_000, 'alerts appended while no worker ran');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await second.stop();
    expect(more.every((id) => webhook.received.get(id) === 1)).toBe(true);
    expect(webhook.duplicates).toBe(0);
    await webhook.stop();
    await store.close();
    await reopened.close();
  }, 180_000);
});

describe('alert delivery without Redis (in-process)', () => {
  it('runs the same processors, with retries, and picks up alerts appended by another connection', async () => {
    const webhook = new WebhookReceiver(SECRET);
    webhook.failFirst = 2;
    await webhook.start();
    const path = tempFile('bem.sqlite');
    const store = SqliteEventStore.open(path);
    const worker = new AlertWorker(store, { webhook: { url: webhook.url, secret: SECRET }, dispatch: FAST, log: quiet });
    await worker.start();
    const other = SqliteEventStore.open(path); // e.g. `bem checkpoints` in another process
    const ids = await appendAlerts(other, 0, 50, 'other-dept');
    await waitFor(() => worker.outbox.counts().delivered === 50, 90_000, 'in-process delivery');
    await worker.stop();
    expect([...webhook.received.keys()].sort()).toEqual([...ids].sort());
    expect(webhook.duplicates).toBe(0);
    expect(worker.outbox.inbox('other-dept', 2020)).toHaveLength(50);
    await webhook.stop();
    await other.close();
    await store.close();
  }, 180_000);
});
