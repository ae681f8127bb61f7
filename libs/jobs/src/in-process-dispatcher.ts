import type { AlertOutbox, PendingRow } from './alert-outbox';
import type { AlertDelivery } from './delivery';
import { type DispatchTiming, DEFAULT_TIMING, OutboxLoop } from './dispatcher';

/** Without Redis: the same processor in this process, with retries and exponential backoff. */
export class InProcessDispatcher extends OutboxLoop {
  constructor(
    outbox: AlertOutbox,
    private readonly delivery: AlertDelivery,
    private readonly options: Partial<DispatchTiming> & { attempts?: number; backoffMs?: number; concurrency?: number; log?: (message: string) => void } = {},
  ) {
    super(outbox, { ...DEFAULT_TIMING, ...options }, options.log ?? (() => {}));
  }

  protected async handOver(rows: PendingRow[]): Promise<void> {
    const queue = [...rows];
    const lanes = Array.from({ length: this.options.concurrency ?? 8 }, async () => {
      for (let row = queue.shift(); row; row = queue.shift()) await this.deliver(row);
    });
    await Promise.all(lanes);
  }

  private async deliver(row: PendingRow): Promise<void> {
    const attempts = this.options.attempts ?? 8;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await this.delivery.process(row.alertId, row.channel);
        return;
      } catch (error) {
        this.log(`投递重试 / delivery retry ${attempt}/${attempts} ${row.channel} ${row.alertId}: ${(error as Error).message}`);
        if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, (this.options.backoffMs ?? 500) * 2 ** (attempt - 1)));
      }
    }
  }
}
