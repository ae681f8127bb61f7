import type { EventStore, RecordedEvent, Subscription } from '@bem/event-store';
import { raisedAlertsOf } from '@bem/monitoring';
import type { AlertOutbox, Channel, InboxCopy, OutboxRow } from './alert-outbox';

export const FEED_NAME = 'alert-feed';

/**
 * Drives delivery from the STORED log: a catch-up subscription from the position saved in the outbox;
 * each batch's AlertRaised / AlertsRaised alerts become outbox rows (one per channel that sends elsewhere) and
 * in-app inbox copies, in the same transaction as the new position.
 */
export class AlertFeed {
  private subscription: Subscription | null = null;
  /** The in-app inbox is written with the position; the other channels get outbox rows */
  private readonly toInbox: boolean;
  private readonly sent: Channel[];

  constructor(
    private readonly store: EventStore,
    private readonly outbox: AlertOutbox,
    channels: Channel[],
    private readonly onRecorded: () => void = () => {},
  ) {
    this.toInbox = channels.includes('inbox');
    this.sent = channels.filter((channel) => channel !== 'inbox');
  }

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
    const inbox: InboxCopy[] = [];
    const { toInbox, sent } = this;
    for (const event of events) {
      // AlertRaised: one alert; AlertsRaised: every alert of the batch, each its own outbox row (job id = alert id)
      for (const alert of raisedAlertsOf(event)) {
        const payload = JSON.stringify({ ...alert, raisedAt: event.recordedAt });
        for (const channel of sent) rows.push({ alertId: alert.alertId, channel, payload });
        if (toInbox) inbox.push({ alertId: alert.alertId, departmentCode: alert.departmentCode, fiscalYear: alert.fiscalYear, payload });
      }
    }
    this.outbox.record(rows, FEED_NAME, events[events.length - 1].position, inbox);
    if (rows.length) this.onRecorded();
  }
}
