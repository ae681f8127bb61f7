import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { RecordedEvent, SubscribeOptions, Subscription, SubscriptionHandler } from '../types';

/** What the subscription needs from the store. */
export interface AllFeed {
  /** A server-side catch-up subscription to $all (filtered) after our position `from` (exclusive; 0: from the start). */
  open(from: number, highWaterMark: number): AllStreamSubscription;
  /** Our envelope, or null for an event that is not ours (outside the namespace, system stream). */
  toRecorded(resolved: AllStreamResolvedEvent): RecordedEvent | null;
  /** Position of the last event of ours stored now (0 when none). */
  head(): Promise<number>;
}

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Catch-up subscription on KurrentDB's own `subscribeToAll` (the server reads history, then switches to
 * live pushes; its filter keeps system events off the wire). Same semantics as the shared
 * `CatchUpSubscription`: batches of at most `batchSize` in position order, the handler awaited before
 * the next batch, a handler error (or a lost connection) ends it and rejects `caughtUp()`.
 * After a failure the owner resubscribes from its checkpoint: delivery resumes exactly after it.
 */
export class KurrentDbSubscription implements Subscription {
  private lastPosition: number;
  private readonly batchSize: number;
  private stopped = false;
  private failure: { error: unknown } | null = null;
  private waiters: Waiter[] = [];
  private wake: (() => void) | null = null;
  private readonly feed: AllStreamSubscription;
  private ended = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: AllFeed,
    private readonly handler: SubscriptionHandler,
    private readonly options: SubscribeOptions & { onEnd?: (subscription: KurrentDbSubscription) => void } = {},
  ) {
    this.lastPosition = options.fromPosition ?? 0;
    this.batchSize = options.batchSize ?? 1000;
    if (!Number.isSafeInteger(this.lastPosition) || this.lastPosition < 0) throw new RangeError('fromPosition must be an integer >= 0');
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be an integer >= 1');
    this.feed = source.open(this.lastPosition, this.batchSize);
    this.feed.on('readable', () => this.wake?.());
    this.feed.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
    this.feed.on('error', (error: unknown) => {
      this.failure ??= { error };
      this.wake?.();
    });
    this.done = this.run();
  }

  position(): number {
    return this.lastPosition;
  }

  async caughtUp(): Promise<void> {
    this.throwIfFailed();
    const target = await this.source.head();
    this.throwIfFailed();
    if (this.lastPosition >= target) return;
    if (this.stopped) throw new Error(`subscription stopped at position ${this.lastPosition} before reaching ${target}`);
    return new Promise<void>((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    try {
      for (;;) {
        const batch = await this.nextBatch();
        if (batch === null) break;
        if (batch.length === 0) continue; // only events that are not ours
        await this.handler(batch);
        this.lastPosition = batch[batch.length - 1].position;
        this.settle();
      }
    } catch (error) {
      this.failure ??= { error };
    } finally {
      this.stopped = true;
      await this.feed.unsubscribe().catch(() => undefined);
      const reason = this.failure ? this.failure.error : new Error(`subscription stopped at position ${this.lastPosition}`);
      for (const waiter of this.waiters.splice(0)) waiter.reject(reason);
      this.options.onEnd?.(this);
    }
  }

  /** Up to batchSize events already buffered, waiting for the first one; null when stopped or ended. */
  private async nextBatch(): Promise<RecordedEvent[] | null> {
    for (;;) {
      this.throwIfFailed();
      if (this.stopped) return null;
      const batch: RecordedEvent[] = [];
      let read = 0;
      let resolved: AllStreamResolvedEvent | null;
      while (read < this.batchSize && (resolved = this.feed.read() as AllStreamResolvedEvent | null) !== null) {
        read += 1;
        const event = this.source.toRecorded(resolved);
        if (event && event.position > this.lastPosition) batch.push(event);
      }
      if (read > 0) return batch;
      if (this.ended) throw new Error(`KurrentDB 订阅意外结束 / the $all subscription ended at position ${this.lastPosition}`);
      await new Promise<void>((resolve) => {
        this.wake = () => {
          this.wake = null;
          resolve();
        };
      });
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private settle(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.target <= this.lastPosition) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }
}
