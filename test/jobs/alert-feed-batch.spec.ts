import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MemoryEventStore } from '@bem/event-store';
import { type AlertRaisedData, alertIndexWrites, alertsRaised, alertsRaisedEventId } from '@bem/monitoring';
import { AlertFeed } from '../../libs/jobs/src/alert-feed';
import { AlertOutbox } from '../../libs/jobs/src/alert-outbox';
import { AlertDelivery } from '../../libs/jobs/src/delivery';
import { OutboxBatcher } from '../../libs/jobs/src/outbox-batcher';
import { syntheticAlert } from './support/alerts';

describe('alert feed: a batched AlertsRaised event becomes one delivery per alert', () => {
  it('records one outbox row per alert and sending channel and its inbox copy (old AlertRaised events too) and delivers each exactly once', async () => {
    const store = new MemoryEventStore();
    const stream = 'monitoring-load-test-2020';
    const old = syntheticAlert(0);
    const batch = [1, 2, 3].map((n) => syntheticAlert(n));
    const batchId = alertsRaisedEventId('national', 'load-test', 2020, '2020-06-30', 0);
    await store.append(stream, [{ id: old.alertId, type: 'AlertRaised', data: old }]);
    await store.appendMany([{ stream, events: [{ id: batchId, type: 'AlertsRaised', data: alertsRaised(batch) }] }, ...alertIndexWrites(batchId, stream, batch.map((a) => a.alertId))]);
    const outbox = new AlertOutbox(new Database(':memory:'));
    const feed = new AlertFeed(store, outbox, ['inbox', 'webhook']);
    feed.start();
    await feed.caughtUp();
    await feed.stop();
    const rows = outbox.pending();
    expect(rows.map((row) => [row.alertId, row.channel])).toEqual([old, ...batch].map((alert) => [alert.alertId, 'webhook']));
    expect(outbox.inbox('load-test', 2020).map((copy) => (copy as AlertRaisedData).alertId)).toEqual([old, ...batch].map((alert) => alert.alertId).sort());
    const recorded = (await store.readStream(stream))[1].recordedAt;
    // Stored before cards: read as a card of its one rule (the upcast adds `rules`)
    const { rule, severity, figures, message } = batch[1];
    expect(JSON.parse(outbox.payload(batch[1].alertId, 'webhook')!)).toEqual({ ...batch[1], rules: [{ rule, severity, figures, message }], raisedAt: recorded });

    const sent: AlertRaisedData[] = [];
    const delivery = new AlertDelivery(new OutboxBatcher(outbox), { webhook: async (alert) => void sent.push(alert) });
    for (const alert of [old, ...batch]) {
      expect(await delivery.process(alert.alertId, 'webhook')).toBe('sent');
      expect(await delivery.process(alert.alertId, 'webhook')).toBe('already-delivered');
    }
    expect(sent.map((alert) => alert.alertId)).toEqual([old, ...batch].map((alert) => alert.alertId));
    expect(sent[2]).toMatchObject({ projectId: 'p-2', deadline: '2020-07-15', severity: 'red' });
  });
});
