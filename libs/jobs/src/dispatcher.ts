import type { AlertOutbox, PendingRow } from './alert-outbox';

/** Moves outbox rows to their processor: BullMQ queues, or in-process. */
export interface Dispatcher {
  start(): Promise<void>;
  /** Outbox rows were recorded: dispatch soon. */
  kick(): void;
  stop(): Promise<void>;
}

export interface DispatchTiming {
  /** How often the outbox is scanned (also after a Redis restart lost queued jobs) */
  tickMs: number;
  /** A row handed over less than this long ago is not handed over again */
  requeueAfterMs: number;
}

export const DEFAULT_TIMING: DispatchTiming = { tickMs: 1000, requeueAfterMs: 10_000 };

/** The loop both dispatchers share: scan pending rows on a timer or a kick, never two scans at once. */
export abstract class OutboxLoop implements Dispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly handedOver = new Map<string, number>();

  protected constructor(
    protected readonly outbox: AlertOutbox,
    protected readonly timing: DispatchTiming,
    protected readonly log: (message: string) => void,
  ) {}

  protected abstract handOver(rows: PendingRow[]): Promise<void>;

  async start(): Promise<void> {
    this.timer = setInterval(() => this.kick(), this.timing.tickMs);
    this.kick();
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.scan()
      .catch((error) => this.log(`派发失败 / dispatch failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = null;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** The last row handed over; a scan reads the rows recorded since, and all pending rows once per requeueAfterMs. */
  private seenSeq = 0;
  private lastFullScan = 0;

  private async scan(): Promise<void> {
    const now = Date.now();
    // Rows pending long after their hand-over (Redis lost the job, a send failed for good) are looked for again
    const full = now - this.lastFullScan >= this.timing.requeueAfterMs;
    if (full) this.lastFullScan = now;
    const found = this.outbox.pending(20_000, now, full ? 0 : this.seenSeq);
    for (const row of found) if (row.seq > this.seenSeq) this.seenSeq = row.seq;
    const rows = found.filter((row) => (this.handedOver.get(key(row)) ?? 0) <= now - this.timing.requeueAfterMs);
    if (rows.length === 0) return;
    for (const row of rows) this.handedOver.set(key(row), now);
    if (this.handedOver.size > 200_000) this.handedOver.clear();
    await this.handOver(rows);
  }
}

const key = (row: PendingRow) => `${row.channel}/${row.alertId}`;
