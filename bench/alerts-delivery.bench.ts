/**
 * Delivers 10,000 alerts to a local signed webhook through BullMQ on a real redis-server (started here on a free
 * loopback port), driven from the stored log like production. Prints alerts/s and the duplicates the receiver saw.
 *   npx tsx bench/alerts-delivery.bench.ts [count]
 */
import { SqliteEventStore } from '@bem/event-store';
import { AlertWorker } from '../libs/jobs/src/alert-worker';
import { appendAlerts, tempFile, waitFor } from '../test/jobs/support/alerts';
import { WebhookReceiver } from '../test/jobs/support/receivers';
import { RedisProcess } from '../test/jobs/support/redis-server';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const redis = await RedisProcess.start();
  const webhook = new WebhookReceiver('bench-secret');
  await webhook.start();
  const store = SqliteEventStore.open(tempFile('bench.sqlite'));
  await appendAlerts(store, 0, count, 'bench');
  const worker = new AlertWorker(store, {
    redisUrl: redis.url,
    webhook: { url: webhook.url, secret: 'bench-secret' },
    dispatch: { tickMs: 200, requeueAfterMs: 60_000, concurrency: 400 },
    log: () => {},
  });
  const started = process.hrtime.bigint();
  await worker.start();
  await waitFor(() => webhook.received.size === count, 600_000, `${count} webhook deliveries`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((resolve) => setTimeout(resolve, 1000)); // late duplicates would show up here
  await worker.stop();
  const result = {
    alerts: count,
    seconds: Number(seconds.toFixed(2)),
    alertsPerSecond: Math.round(count / seconds),
    webhookRequests: webhook.requests,
    duplicates: webhook.duplicates,
    badSignatures: webhook.badSignatures,
    outbox: worker.outbox.counts(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await webhook.stop();
  await store.close();
  await redis.kill();
  if (result.duplicates !== 0) process.exitCode = 1;
}

void main();
