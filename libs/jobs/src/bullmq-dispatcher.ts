import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { CHANNELS, type AlertOutbox, type Channel, type PendingRow } from './alert-outbox';
import type { AlertDelivery } from './delivery';
import { type DispatchTiming, DEFAULT_TIMING, OutboxLoop } from './dispatcher';

/** Alerts per BullMQ job: the queue's own bookkeeping is paid once per chunk, not once per alert. */
const CHUNK = 100;

export const alertQueueName = (channel: Channel) => `bem-alerts-${channel}`;

/** ioredis as BullMQ workers need it: never give up a command while Redis restarts. */
export const redisConnection = (url: string): Redis => new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });

export interface BullmqOptions extends Partial<DispatchTiming> {
  /** Alerts in flight per channel (jobs of CHUNK alerts each) */
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
  log?: (message: string) => void;
}

/**
 * Delivery through BullMQ: one queue per channel, one job per chunk of alerts. The job id is this dispatcher's
 * session and a hand-over counter, so a new session (a restart, a store restored from a backup beside a Redis that
 * remembers old ids) never collides with a job Redis remembers; rows still pending after `requeueAfterMs` are
 * handed over again as new jobs. Whether an alert was delivered is decided by the outbox in the
 * store, never by Redis' memory of a completed job.
 */
export class BullmqDispatcher extends OutboxLoop {
  private readonly session = randomUUID();
  private handOvers = 0;
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
      const worker = new Worker(alertQueueName(channel), async (job) => this.deliverChunk(job.data.alertIds as string[], channel), {
        connection: this.connection,
        concurrency: Math.max(1, Math.ceil((this.options.concurrency ?? 200) / CHUNK)),
      });
      worker.on('error', (error) => this.log(`worker ${channel}: ${error.message}`));
      this.workers.push(worker);
    }
    await super.start();
  }

  protected async handOver(rows: PendingRow[]): Promise<void> {
    const byChannel = new Map<Channel, PendingRow[]>();
    for (const row of rows) {
      const list = byChannel.get(row.channel);
      if (list) list.push(row);
      else byChannel.set(row.channel, [row]);
    }
    for (const [channel, list] of byChannel) {
      const queue = this.queues.get(channel);
      if (!queue) continue;
      const chunks: PendingRow[][] = [];
      for (let i = 0; i < list.length; i += CHUNK) chunks.push(list.slice(i, i + CHUNK));
      for (let i = 0; i < chunks.length; i += 100) {
        await queue.addBulk(
          chunks.slice(i, i + 100).map((chunk) => ({
            name: 'deliver',
            data: { alertIds: chunk.map((row) => row.alertId) },
            opts: {
              jobId: `${this.session}.${(this.handOvers += 1)}`,
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

  /** One job delivers a chunk of alerts side by side; it fails (and is retried) if any of them failed. */
  private async deliverChunk(alertIds: string[], channel: Channel): Promise<number> {
    const results = await Promise.allSettled(alertIds.map((alertId) => this.delivery.process(alertId, channel)));
    const failed = results.filter((result) => result.status === 'rejected');
    if (failed.length) throw new Error(`${failed.length}/${alertIds.length} 未投递 / not delivered: ${(failed[0] as PromiseRejectedResult).reason}`);
    return alertIds.length;
  }

  override async stop(): Promise<void> {
    await super.stop();
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
