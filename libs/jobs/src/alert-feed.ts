import type { EventStore, RecordedEvent, Subscription } from '@bem/event-store';
import { raisedAlertsOf } from '@bem/monitoring';
import type { AlertOutbox, Channel, OutboxRow } from './alert-outbox';

export const FEED_NAME = 'alert-feed';

/**
 * Drives delivery from the STORED log: a catch-up subscription from the position saved in the outbox;
 * each batch's AlertRaised / AlertsRaised alerts become outbox rows in the same transaction as the new position.
 */
export class AlertFeed {
  private subscription: Subscription | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly outbox: AlertOutbox,
    private readonly channels: Channel[],
    private readonly onRecorded: () => void = () => {},
  ) {}

  start(): void {
    this.subscription = this.store.subscribe((events) => this.handle(events), { fromPosition: this.outbox.position(FEED_NAME), batchSize: 2000 });
  }

  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  private handle(events: RecordedEvent[]): void {
    const rows: OutboxRow[] = [];
    for (const event of events) {
      // AlertRaised: one alert; AlertsRaised: every alert of the batch, each its own outbox row (job id = alert id)
      for (const alert of raisedAlertsOf(event)) {
        const payload = JSON.stringify({ ...alert, raisedAt: event.recordedAt });
        for (const channel of this.channels) rows.push({ alertId: alert.alertId, channel, payload });
      }
    }
    this.outbox.record(rows, FEED_NAME, events[events.length - 1].position);
    if (rows.length) this.onRecorded();
  }
}
