import Database from 'better-sqlite3';
import nodemailer from 'nodemailer';
import type { EventStore } from '@bem/event-store';
import { openReadModelDatabase } from '@bem/read-models';
import { AlertOutbox, type Channel } from './alert-outbox';
import { AlertFeed } from './alert-feed';
import { BullmqDispatcher, type BullmqOptions, redisConnection } from './bullmq-dispatcher';
import { type ChannelSender, MissingWebhookSecret, emailSender, webhookSender } from './channels';
import { AlertDelivery } from './delivery';
import type { Dispatcher } from './dispatcher';
import { InProcessDispatcher } from './in-process-dispatcher';
import { OutboxBatcher } from './outbox-batcher';

export interface AlertWorkerConfig {
  redisUrl?: string;
  webhook?: { url: string; secret: string };
  smtp?: { url: string; from: string; to: string };
  dispatch?: BullmqOptions;
  /** How long a send may hold its (alert, channel) before another attempt may take it (BEM_DELIVERY_LEASE_MS, default 30 s) */
  leaseMs?: number;
  log?: (message: string) => void;
}

/** Reads BEM_REDIS_URL, BEM_WEBHOOK_URL + BEM_WEBHOOK_SECRET, BEM_SMTP_URL + BEM_ALERT_MAIL_TO (+ BEM_ALERT_MAIL_FROM). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AlertWorkerConfig {
  if (env.BEM_WEBHOOK_URL && !env.BEM_WEBHOOK_SECRET) throw new MissingWebhookSecret();
  const leaseMs = Number(env.BEM_DELIVERY_LEASE_MS);
  return {
    redisUrl: env.BEM_REDIS_URL || undefined,
    webhook: env.BEM_WEBHOOK_URL ? { url: env.BEM_WEBHOOK_URL, secret: env.BEM_WEBHOOK_SECRET ?? '' } : undefined,
    leaseMs: Number.isInteger(leaseMs) && leaseMs > 0 ? leaseMs : undefined,
    smtp: env.BEM_SMTP_URL ? { url: env.BEM_SMTP_URL, from: env.BEM_ALERT_MAIL_FROM ?? 'bem@localhost', to: env.BEM_ALERT_MAIL_TO ?? 'finance@localhost' } : undefined,
  };
}

/**
 * Where delivery bookkeeping lives: the store's own sqlite file, else this instance's read-model file
 * (BEM_READMODEL_STORE, e.g. beside a KurrentDB log), else memory (a restart then re-reads the log).
 */
function outboxDatabase(store: EventStore, spec = process.env.BEM_READMODEL_STORE?.trim() ?? ''): Database.Database {
  if (store.companionDatabase) return store.companionDatabase;
  if (spec === '' || spec === 'memory' || spec === 'memory:') return new Database(':memory:');
  return openReadModelDatabase(spec.startsWith('sqlite:') ? spec.slice('sqlite:'.length) : spec);
}

/** Alert delivery: stored log -> outbox (durable position) -> BullMQ or in-process -> inbox / webhook / e-mail. */
export class AlertWorker {
  readonly outbox: AlertOutbox;
  readonly feed: AlertFeed;
  readonly dispatcher: Dispatcher;
  private readonly closers: (() => Promise<void> | void)[] = [];

  constructor(store: EventStore, config: AlertWorkerConfig, outbox?: AlertOutbox) {
    const log = config.log ?? ((message: string) => process.stderr.write(`${message}\n`));
    this.outbox = outbox ?? new AlertOutbox(outboxDatabase(store), config.leaseMs);
    const bookkeeping = new OutboxBatcher(this.outbox);
    const senders: Partial<Record<Channel, ChannelSender>> = {};
    if (config.webhook) senders.webhook = webhookSender(config.webhook.url, config.webhook.secret);
    if (config.smtp) {
      const transport = nodemailer.createTransport(config.smtp.url);
      senders.email = emailSender(transport, config.smtp.from, config.smtp.to);
      this.closers.push(() => transport.close());
    }
    const delivery = new AlertDelivery(bookkeeping, senders);
    if (config.redisUrl) {
      const connection = redisConnection(config.redisUrl);
      connection.on('error', () => {}); // reconnects on its own; BullMQ logs through the workers
      this.dispatcher = new BullmqDispatcher(this.outbox, delivery, connection, { ...config.dispatch, log });
      this.closers.push(() => void connection.disconnect());
    } else {
      this.dispatcher = new InProcessDispatcher(this.outbox, delivery, { ...config.dispatch, log });
    }
    // The in-app inbox is written by the feed itself, with its position; the other channels are sent
    this.feed = new AlertFeed(store, this.outbox, ['inbox', ...delivery.channels], () => this.dispatcher.kick());
  }

  async start(): Promise<void> {
    await this.dispatcher.start();
    this.feed.start();
  }

  async stop(): Promise<void> {
    await this.feed.stop();
    await this.dispatcher.stop();
    for (const close of this.closers.reverse()) await close();
  }
}
