import type { EventStore, StreamWrite } from '@bem/event-store';
import { type AlertRaisedData, monitoringId, raisedAlertsOf } from './alert-events';
import { monitoringDataOf } from './stored-monitoring-events';

/**
 * Where an alert lives. Each `AlertsRaised` batch (and each single `AlertRaised`, its own id the alert's) is indexed
 * in the same atomic write: one small `AlertsIndexed` event per shard (the first hex digit of the alert id) naming
 * the event, its stream and its alert ids. Answering or routing one alert then reads one shard of ids and one event,
 * never a department's whole stream, and names the stream the store looks in (KurrentDB has no lookup by id).
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
  const entries = await store.readStream(alertIndexStream(alertId));
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].type !== 'AlertsIndexed') continue;
    const entry = monitoringDataOf(entries[i], 'AlertsIndexed');
    if (!entry.alertIds.includes(alertId)) continue;
    const batch = (await store.findEvents([entry.eventId], { streams: [entry.stream] })).get(entry.eventId);
    const alert = batch ? raisedAlertsOf(batch).find((raised) => raised.alertId === alertId) : undefined;
    if (alert) return alert;
  }
  // A single AlertRaised stored before singles were indexed: found by id where the store indexes ids (not kurrentdb)
  const single = (await store.findEvents([alertId], { streams: [] })).get(alertId);
  return single?.type === 'AlertRaised' ? monitoringDataOf(single, 'AlertRaised') : null;
}
