/**
 * Delivers 10,000 alerts to a local signed webhook through BullMQ on a real redis-server (started here on a free
 * loopback port), driven from the stored log like production. The receiver runs in a process of its own
 * (bench/support/webhook-receiver-process.ts), as a real one does. Prints alerts/s and the duplicates the receiver saw,
 * by alert id and by X-BEM-Delivery-Id; exits 1 on any duplicate. Goal (issue 17): ≥ 2,000 alerts/s, 0 duplicates.
 *   npx tsx bench/alerts-delivery.bench.ts [count]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { SqliteEventStore } from '@bem/event-store';
import { AlertWorker } from '../libs/jobs/src/alert-worker';
import { appendAlerts, tempFile } from '../test/jobs/support/alerts';
import { RedisProcess } from '../test/jobs/support/redis-server';
import { machine } from './support';

interface ReceiverStats {
  received: number;
  requests: number;
  duplicates: number;
  duplicatesByDeliveryId: number;
  deliveryIdsNamingTwoAlerts: number;
  badSignatures: number;
}

const SECRET = 'bench-secret';

function startReceiver(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(join(__dirname, 'support', 'webhook-receiver-process.ts'), [SECRET], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message) => resolve({ child, url: (message as { url: string }).url }));
  });
}

function stats(child: ChildProcess): Promise<ReceiverStats> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as ReceiverStats));
    child.send('stats');
  });
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const redis = await RedisProcess.start();
  const receiver = await startReceiver();
  const store = SqliteEventStore.open(tempFile('bench.sqlite'));
  await appendAlerts(store, 0, count, 'bench');
  const worker = new AlertWorker(store, {
    redisUrl: redis.url,
    webhook: { url: receiver.url, secret: SECRET },
    dispatch: { tickMs: 200, requeueAfterMs: 60_000, concurrency: 400 },
    log: () => {},
  });
  const started = process.hrtime.bigint();
  await worker.start();
  let seen = await stats(receiver.child);
  const deadline = Date.now() + 600_000;
  while (seen.received < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen = await stats(receiver.child);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((resolve) => setTimeout(resolve, 1000)); // late duplicates would show up here
  await worker.stop();
  seen = await stats(receiver.child);
  const result = {
    machine: machine(),
    alerts: count,
    delivered: seen.received,
    seconds: Number(seconds.toFixed(2)),
    alertsPerSecond: Math.round(seen.received / seconds),
    goal: '≥ 2,000 alerts/s, 0 duplicates',
    webhookRequests: seen.requests,
    duplicatesByAlertId: seen.duplicates,
    duplicatesByDeliveryId: seen.duplicatesByDeliveryId,
    deliveryIdsNamingTwoAlerts: seen.deliveryIdsNamingTwoAlerts,
    badSignatures: seen.badSignatures,
    outbox: worker.outbox.counts(),
    // The in-app inbox is written with the feed's position (no outbox row): one copy per alert
    inboxCopies: worker.outbox.inbox('bench', 2020).length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  receiver.child.send('stop');
  await store.close();
  await redis.kill();
  if (seen.received !== count || result.inboxCopies !== count || seen.duplicates !== 0 || seen.duplicatesByDeliveryId !== 0 || seen.badSignatures !== 0) process.exitCode = 1;
}

void main();
