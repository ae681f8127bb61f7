import { projectStream } from '@bem/domain';
import { type EventStore, SqliteEventStore } from '@bem/event-store';
import type { FactEvent } from './project-snapshot';

/** The event types the project fold (snapshotAt / snapshotsAt) and the arrival check read; others change no figure. */
export const FACT_TYPES = [
  'IndicatorSet', 'IndicatorActualRecorded', 'BudgetIssued', 'BudgetAdjusted', 'BudgetAllocated', 'FundsArrived', 'PaymentMade', 'PaymentReversed',
] as const;

/** Streams per query (the `IN` list of the sqlite read). */
const CHUNK = 500;

/**
 * The fact events of many projects, each project's in stream order. On the sqlite store one query per 500
 * projects reads only type and data of the fact events (no envelope, no metadata to parse); on other stores,
 * one readStream per project.
 */
export async function readProjectEvents(store: EventStore, projectIds: readonly string[]): Promise<Map<string, FactEvent[]>> {
  const events = new Map<string, FactEvent[]>(projectIds.map((projectId) => [projectId, []]));
  if (store instanceof SqliteEventStore) {
    const byStream = new Map<string, FactEvent[]>(projectIds.map((projectId) => [projectStream(projectId), events.get(projectId)!]));
    const types = FACT_TYPES.map(() => '?').join(',');
    const streams = [...byStream.keys()];
    for (let i = 0; i < streams.length; i += CHUNK) {
      const chunk = streams.slice(i, i + CHUNK);
      const rows = store.db
        .prepare<string[], [stream: string, type: string, data: string]>(
          `SELECT stream, type, data FROM events WHERE stream IN (${chunk.map(() => '?').join(',')}) AND type IN (${types}) ORDER BY stream, revision`,
        )
        .raw()
        .all(...chunk, ...FACT_TYPES);
      let stream = '';
      let into: FactEvent[] = [];
      for (const [rowStream, type, data] of rows) {
        if (rowStream !== stream) into = byStream.get((stream = rowStream))!;
        into.push({ type, data: JSON.parse(data) as unknown });
      }
    }
    return events;
  }
  await Promise.all(
    projectIds.map(async (projectId) => {
      const read = await store.readStream(projectStream(projectId));
      events.set(projectId, read.filter((event) => (FACT_TYPES as readonly string[]).includes(event.type)));
    }),
  );
  return events;
}
