import type { AlertOutbox, Channel, Claim } from './alert-outbox';

type ClaimRequest = { kind: 'claim'; alertId: string; channel: Channel; done: (claim: { claim: Claim; payload?: string }) => void };
type MarkRequest = { kind: 'delivered'; alertId: string; channel: Channel; done: () => void } | { kind: 'release'; alertId: string; channel: Channel; error: string; done: () => void };
type Request = ClaimRequest | MarkRequest;

/**
 * Requests gathered before one commit: a flush waits up to FLUSH_DELAY_MS after the first request (or until
 * FLUSH_REQUESTS are queued). A commit of the store's file at synchronous = FULL is an fsync: flushing once per
 * event-loop turn made ~20-request commits, and the commits were most of the delivery time. The bookkeeping now
 * commits at NORMAL (see flush): 1,611–1,658 → 1,819–1,901 alerts/s in bench/alerts-delivery.bench.ts (2026-12-02).
 */
const FLUSH_DELAY_MS = 5;
const FLUSH_REQUESTS = 2000;

/**
 * The outbox bookkeeping of concurrent deliveries, batched: every claim, delivered mark and release asked for
 * within a few milliseconds is written in ONE sqlite transaction (one commit instead of one per row).
 * A crash before a delivered mark is committed only means that alert is sent again after its lease: delivery is
 * at-least-once, and the receiver dedupes by X-BEM-Delivery-Id.
 */
export class OutboxBatcher {
  private queue: Request[] = [];
  private scheduled = false;
  private readonly flushAll: (requests: Request[]) => void;

  constructor(private readonly outbox: AlertOutbox) {
    this.flushAll = outbox.db.transaction((requests: Request[]) => {
      const now = Date.now();
      for (const request of requests) {
        if (request.kind === 'claim') {
          const claim = this.outbox.claim(request.alertId, request.channel, now);
          request.done({ claim, payload: claim === 'claimed' ? this.outbox.payload(request.alertId, request.channel) : undefined });
        } else if (request.kind === 'delivered') {
          this.outbox.markDelivered(request.alertId, request.channel);
          request.done();
        } else {
          this.outbox.release(request.alertId, request.channel, request.error);
          request.done();
        }
      }
    });
  }

  claim(alertId: string, channel: Channel): Promise<{ claim: Claim; payload?: string }> {
    return new Promise((done) => this.push({ kind: 'claim', alertId, channel, done }));
  }

  delivered(alertId: string, channel: Channel): Promise<void> {
    return new Promise((done) => this.push({ kind: 'delivered', alertId, channel, done }));
  }

  release(alertId: string, channel: Channel, error: string): Promise<void> {
    return new Promise((done) => this.push({ kind: 'release', alertId, channel, error, done }));
  }

  private timer: NodeJS.Timeout | null = null;

  private push(request: Request): void {
    this.queue.push(request);
    if (this.queue.length >= FLUSH_REQUESTS) {
      setImmediate(() => this.flush());
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    this.timer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const requests = this.queue;
    this.queue = [];
    // The callbacks only resolve promises: their continuations run after the commit
    // Bookkeeping commits need not wait for the disk: a mark lost to a power cut only means a resend (at-least-once,
    // deduped by delivery id), and the next event commit (synchronous = FULL) syncs the log with it
    const synchronous = this.outbox.db.pragma('synchronous', { simple: true });
    this.outbox.db.pragma('synchronous = NORMAL');
    try {
      this.flushAll(requests);
    } finally {
      this.outbox.db.pragma(`synchronous = ${Number(synchronous)}`);
    }
  }
}
