import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { CHANNELS, type AlertOutbox, type Channel, type OutboxRow } from './alert-outbox';
import type { AlertDelivery } from './delivery';
import { type DispatchTiming, DEFAULT_TIMING, OutboxLoop } from './dispatcher';

export const alertQueueName = (channel: Channel) => `bem-alerts-${channel}`;

/** ioredis as BullMQ workers need it: never give up a command while Redis restarts. */
export const redisConnection = (url: string): Redis => new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });

export interface BullmqOptions extends Partial<DispatchTiming> {
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
  log?: (message: string) => void;
}

/**
 * Delivery through BullMQ: one queue per channel. The job id is the alert id and this dispatcher's session: within
 * a session a re-dispatch makes no second job; a new session (a restart, a store restored from a backup beside a
 * Redis that remembers the old ids) makes new jobs. Whether an alert was delivered is decided by the outbox in the
 * store, never by Redis' memory of a completed job.
 */
export class BullmqDispatcher extends OutboxLoop {
  private readonly session = randomUUID().slice(0, 8);
  private readonly queues = new Map<Channel, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    outbox: AlertOutbox,
    private readonly delivery: AlertDelivery,
    private readonly connection: Redis,
    private readonly options: BullmqOptions = {},
  ) {
    super(outbox, { ...DEFAULT_TIMING, ...options }, options.log ?? (() => {}));
  }

  override async start(): Promise<void> {
    for (const channel of this.delivery.channels.filter((c) => CHANNELS.includes(c))) {
      const queue = new Queue(alertQueueName(channel), { connection: this.connection });
      queue.on('error', (error) => this.log(`queue ${channel}: ${error.message}`));
      this.queues.set(channel, queue);
      const worker = new Worker(alertQueueName(channel), async (job) => this.delivery.process(job.data.alertId as string, channel), {
        connection: this.connection,
        concurrency: this.options.concurrency ?? 20,
      });
      worker.on('error', (error) => this.log(`worker ${channel}: ${error.message}`));
      this.workers.push(worker);
    }
    await super.start();
  }

  protected async handOver(rows: OutboxRow[]): Promise<void> {
    const byChannel = new Map<Channel, OutboxRow[]>();
    for (const row of rows) byChannel.set(row.channel, [...(byChannel.get(row.channel) ?? []), row]);
    for (const [channel, list] of byChannel) {
      const queue = this.queues.get(channel);
      if (!queue) continue;
      for (let i = 0; i < list.length; i += 1000) {
        await queue.addBulk(
          list.slice(i, i + 1000).map((row) => ({
            name: 'deliver',
            data: { alertId: row.alertId },
            opts: {
              jobId: `${row.alertId}.${this.session}`,
              attempts: this.options.attempts ?? 8,
              backoff: { type: 'exponential', delay: this.options.backoffMs ?? 500 },
              removeOnComplete: { age: 24 * 3600 },
              removeOnFail: { age: 24 * 3600 },
            },
          })),
        );
      }
    }
  }

  override async stop(): Promise<void> {
    await super.stop();
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
