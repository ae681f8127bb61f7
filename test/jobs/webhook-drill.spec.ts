import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@bem/event-store';
import { AlertWorker } from '../../libs/jobs/src/alert-worker';
import { deliveryIdOf } from '../../libs/jobs/src/channels';
import { startWorkerProcess } from '../support/product';
import { appendAlerts, tempFile, waitFor } from './support/alerts';
import { WebhookReceiver } from './support/receivers';
import { RedisProcess } from './support/redis-server';

const SECRET = 'drill-secret-预警';
const quiet = () => {};

/** Webhooks are at-least-once: a crash can send an alert again, with the same X-BEM-Delivery-Id. */
describe('webhook delivery drills (npm run worker, real redis-server)', () => {
  let redis: RedisProcess;
  beforeAll(async () => {
    redis = await RedisProcess.start();
  });
  afterAll(async () => {
    await redis?.kill();
  });

  it('a worker killed with SIGKILL mid-delivery: after a restart every alert is delivered, once in effect by delivery id', async () => {
    const webhook = new WebhookReceiver(SECRET);
    webhook.delayMs = 40; // slow receiver: the kill lands while requests are in flight
    await webhook.start();
    const path = tempFile('bem.sqlite');
    const store = SqliteEventStore.open(path);
    const ids = await appendAlerts(store, 0, 400, 'drill');
    await store.close();
    const env = { BEM_REDIS_URL: redis.url, BEM_WEBHOOK_URL: webhook.url, BEM_WEBHOOK_SECRET: SECRET, BEM_DELIVERY_LEASE_MS: '1500', BEM_PROFILES: 'national' };
    const first = startWorkerProcess(path, env);
    await waitFor(() => webhook.requests >= 40, 90_000, 'the first deliveries');
    await first.kill();
    const beforeRestart = webhook.received.size;
    expect(beforeRestart).toBeLessThan(ids.length);
    const second = startWorkerProcess(path, env);
    try {
      await waitFor(() => ids.every((id) => webhook.received.has(id)), 120_000, 'every alert after the restart');
      await new Promise((resolve) => setTimeout(resolve, 1000)); // late re-sends would show up here
    } finally {
      await second.stop();
      await webhook.stop();
    }
    // Every alert arrived; each under its one stable delivery id, so a deduping receiver acted once per alert
    expect(webhook.badSignatures).toBe(0);
    expect(webhook.effects).toBe(ids.length);
    expect(new Set(webhook.deliveries.keys())).toEqual(new Set(ids.map((id) => deliveryIdOf(id, 'webhook'))));
    expect([...webhook.deliveries.values()].every((alerts) => alerts.size === 1)).toBe(true);
    process.stdout.write(`drill: ${ids.length} alerts, ${beforeRestart} before the kill, ${webhook.requests} requests, ${webhook.duplicates} re-sent (at-least-once), ${webhook.effects} effects\n`);
  }, 240_000);

  it('a webhook channel without BEM_WEBHOOK_SECRET refuses to start, in Chinese and English', async () => {
    const worker = startWorkerProcess(tempFile('bem.sqlite'), { BEM_WEBHOOK_URL: 'http://127.0.0.1:9/hook', BEM_WEBHOOK_SECRET: undefined });
    const [code] = (await once(worker.child, 'exit')) as [number | null];
    expect(code).not.toBe(0);
    expect(worker.stderr()).toContain('未设置 BEM_WEBHOOK_SECRET');
    expect(worker.stderr()).toContain('refuses to start');
    expect(() => new AlertWorker(SqliteEventStore.open(':memory:'), { webhook: { url: 'http://127.0.0.1:9/hook', secret: '' } })).toThrow(/BEM_WEBHOOK_SECRET/);
  }, 120_000);

  it('a store restored from a backup beside a Redis that remembers the old job ids still delivers', async () => {
    const webhook = new WebhookReceiver(SECRET);
    await webhook.start();
    const path = tempFile('bem.sqlite');
    const backup = tempFile('backup.sqlite');
    const store = SqliteEventStore.open(path);
    const ids = await appendAlerts(store, 0, 60, 'restore');
    await store.db.backup(backup);
    const config = { redisUrl: redis.url, webhook: { url: webhook.url, secret: SECRET }, dispatch: { tickMs: 100, requeueAfterMs: 1500, backoffMs: 100 }, log: quiet };
    const worker = new AlertWorker(store, config);
    await worker.start();
    await waitFor(() => worker.outbox.counts().delivered === ids.length, 60_000, 'the first delivery');
    await worker.stop();
    await store.close();
    // The office restores yesterday's backup (its outbox says "pending"); Redis still holds the completed jobs
    const restored = SqliteEventStore.open(backup);
    const again = new AlertWorker(restored, config);
    await again.start();
    try {
      await waitFor(() => again.outbox.counts().delivered === ids.length, 60_000, 'delivery from the restored store');
    } finally {
      await again.stop();
      await restored.close();
      await webhook.stop();
    }
    expect(ids.every((id) => webhook.received.get(id) === 2)).toBe(true);
    expect(webhook.effects).toBe(ids.length);
  }, 180_000);
});
