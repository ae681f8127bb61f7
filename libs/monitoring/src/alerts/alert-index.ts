import type { EventStore, StreamWrite } from '@bem/event-store';
import { type AlertRaisedData, monitoringId, raisedAlertsOf } from './alert-events';
import { monitoringDataOf } from './stored-monitoring-events';

/**
 * Where a batched alert lives. An `AlertRaised` event has the alert's id as its own id (the store finds it by id);
 * an alert inside an `AlertsRaised` batch does not, so each batch is indexed in the same atomic write: one small
 * `AlertsIndexed` event per shard (the first hex digit of the alert id) naming the batch event and its alert ids.
 * Answering or routing one alert then reads one shard of ids and one event, never a department's whole stream.
 */
export const alertIndexStream = (alertId: string): string => `alert-index-${alertId.charAt(0).toLowerCase()}`;

export interface AlertsIndexedData {
  /** The `AlertsRaised` event holding the alerts */
  eventId: string;
  stream: string;
  alertIds: string[];
}

/** The index writes of one batch event (ids deterministic: an idempotent retry writes nothing). */
export function alertIndexWrites(batchEventId: string, stream: string, alertIds: readonly string[]): StreamWrite[] {
  const shards = new Map<string, string[]>();
  for (const alertId of alertIds) {
    const shard = alertIndexStream(alertId);
    let ids = shards.get(shard);
    if (!ids) shards.set(shard, (ids = []));
    ids.push(alertId);
  }
  return [...shards].map(([shard, ids]) => ({
    stream: shard,
    events: [{ id: monitoringId(`alert-index/${batchEventId}/${shard}`), type: 'AlertsIndexed', data: { eventId: batchEventId, stream, alertIds: ids } satisfies AlertsIndexedData, metadata: { source: 'checkpoints' } }],
  }));
}

/** The alert with this id, single (`AlertRaised`) or batched (`AlertsRaised`), or null when no event raised it. */
export async function findAlert(store: EventStore, alertId: string): Promise<AlertRaisedData | null> {
  const single = (await store.findEvents([alertId])).get(alertId);
  if (single) return single.type === 'AlertRaised' ? monitoringDataOf(single, 'AlertRaised') : null;
  const entries = await store.readStream(alertIndexStream(alertId));
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].type !== 'AlertsIndexed') continue;
    const entry = monitoringDataOf(entries[i], 'AlertsIndexed');
    if (!entry.alertIds.includes(alertId)) continue;
    const batch = (await store.findEvents([entry.eventId])).get(entry.eventId);
    const alert = batch ? raisedAlertsOf(batch).find((raised) => raised.alertId === alertId) : undefined;
    if (alert) return alert;
  }
  return null;
}
