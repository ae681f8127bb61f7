import type { RecordedEvent, SubscribeOptions, Subscription, SubscriptionHandler } from './types';

/** What a subscription reads from: synchronous (memory arrays, better-sqlite3) or not (postgres). */
export interface SubscriptionSource {
  /** Events with position > fromPosition, ascending, at most `limit`. */
  readAfter(fromPosition: number, limit: number): RecordedEvent[] | Promise<RecordedEvent[]>;
  /** Position of the last stored event, 0 when empty. */
  head(): number | Promise<number>;
}

export interface CatchUpOptions extends SubscribeOptions {
  /** When idle, read again after this many ms even without a notification (events from other connections). */
  pollMs?: number;
  /** Called once when the subscription ends (stopped or failed). */
  onEnd?: (subscription: CatchUpSubscription) => void;
}

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Catch-up subscription shared by the adapters. One loop reads the next batch after the last
 * handled position and awaits the handler before reading again, so events are delivered in
 * position order, each exactly once. When nothing is left it sleeps until `notify()` (an append in
 * this process) or, with `pollMs`, until the next poll.
 *
 * A handler error ends the subscription: `caughtUp()` then rejects with that error.
 * `stop()` resolves once the handler call in progress (if any) has returned; do not await it from
 * inside the handler (that would wait for itself).
 */
export class CatchUpSubscription implements Subscription {
  private lastPosition: number;
  private readonly batchSize: number;
  private stopped = false;
  private failure: { error: unknown } | null = null;
  private waiters: Waiter[] = [];
  private woken = false;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly handler: SubscriptionHandler,
    private readonly options: CatchUpOptions = {},
  ) {
    this.lastPosition = options.fromPosition ?? 0;
    this.batchSize = options.batchSize ?? 1000;
    if (!Number.isInteger(this.lastPosition) || this.lastPosition < 0) throw new RangeError('fromPosition must be an integer >= 0');
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be an integer >= 1');
    this.done = this.run();
  }

  /** New events may be stored: read again now. */
  notify(): void {
    this.woken = true;
    this.wake?.();
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
    const reached = new Promise<void>((resolve, reject) => this.waiters.push({ target, resolve, reject }));
    this.notify(); // events may come from another connection: do not wait for the next poll
    return reached;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // let subscribe() return before the first handler call
    try {
      while (!this.stopped) {
        this.woken = false;
        const batch = await this.source.readAfter(this.lastPosition, this.batchSize);
        if (batch.length === 0) {
          this.settle(Number.POSITIVE_INFINITY); // nothing stored after lastPosition: every waiter is satisfied
          await this.idle();
          continue;
        }
        await this.handler(batch);
        this.lastPosition = batch[batch.length - 1].position;
        this.settle(this.lastPosition);
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.stopped = true;
      const reason = this.failure ? this.failure.error : new Error(`subscription stopped at position ${this.lastPosition}`);
      for (const waiter of this.waiters.splice(0)) waiter.reject(reason);
      this.options.onEnd?.(this);
    }
  }

  private settle(reached: number): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.target <= reached) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private idle(): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = this.options.pollMs ? setTimeout(() => wake(), this.options.pollMs) : undefined;
      const wake = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      this.wake = wake;
    });
  }
}
