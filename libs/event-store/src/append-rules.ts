import { DuplicateEventId, WrongExpectedRevision } from './errors';
import type { AppendResult, ExpectedRevision, StreamWrite } from './types';

/**
 * The append decision logic shared by every adapter: validation, idempotent retries, duplicate ids
 * and expected revisions. An adapter hands `planAppend` a view of what it has stored (read inside its
 * write lock/transaction), then inserts the planned rows in order and fills in their positions.
 * `planAppend` throws before anything is planned for writing, so a refused call writes nothing.
 */

/** What an adapter keeps of a stored event to recognise an idempotent retry. */
export interface StoredFingerprint {
  stream: string;
  type: string;
  /** `data` as stored: JSON text. */
  data: string;
  position: number;
}

export interface AppendView {
  /** Fingerprints of the given ids that are already stored (missing ids absent). */
  lookup(ids: readonly string[]): Map<string, StoredFingerprint>;
  /** Revision of the stream's last stored event, -1 when none. Called at most once per stream per call. */
  revision(stream: string): number;
}

/** One event ready to insert, data and metadata already serialised to JSON text. */
export interface EventRow {
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

export interface PlannedWrite {
  /** Rows to insert in this order; empty for an idempotent retry or an empty write. */
  rows: EventRow[];
  /** `position` is 0 until the adapter sets it to the position of the last inserted row. */
  result: AppendResult;
}

/** JSON text of event data; `undefined` is stored as `null`. */
export const serializeData = (data: unknown): string => JSON.stringify(data ?? null);

export function assertExpectedRevision(stream: string, expected: ExpectedRevision, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === -1) ||
    (expected === 'stream_exists' && actual >= 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedRevision(stream, expected, actual);
}

/** Checks the shape of a call (names, ids, expected revisions, no id twice); returns every event id in order. */
export function validateWrites(writes: readonly StreamWrite[]): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const write of writes) {
    if (typeof write.stream !== 'string' || write.stream.length === 0) throw new TypeError('stream name must be a non-empty string');
    if (!Array.isArray(write.events)) throw new TypeError(`events of stream ${write.stream} must be an array`);
    const expected = write.expectedRevision ?? 'any';
    if (typeof expected === 'number' ? !Number.isInteger(expected) || expected < -1 : !['any', 'no_stream', 'stream_exists'].includes(expected)) {
      throw new TypeError(`invalid expectedRevision ${String(expected)} for stream ${write.stream}`);
    }
    for (const event of write.events) {
      if (typeof event.id !== 'string' || event.id.length === 0) throw new TypeError(`event id must be a non-empty string (stream ${write.stream})`);
      if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`event type must be a non-empty string (event ${event.id})`);
      if (seen.has(event.id)) throw new DuplicateEventId(event.id, 'appears more than once in the same append');
      seen.add(event.id);
      ids.push(event.id);
    }
  }
  return ids;
}

/**
 * Decide what one append call writes. `now` is the recordedAt of every event of the call that
 * does not bring its own.
 */
export function planAppend(writes: readonly StreamWrite[], view: AppendView, now: string = new Date().toISOString()): PlannedWrite[] {
  const ids = validateWrites(writes);
  const stored = ids.length > 0 ? view.lookup(ids) : new Map<string, StoredFingerprint>();
  const revisions = new Map<string, number>();
  const revisionOf = (stream: string): number => {
    let revision = revisions.get(stream);
    if (revision === undefined) {
      revision = view.revision(stream);
      revisions.set(stream, revision);
    }
    return revision;
  };

  return writes.map(({ stream, events, expectedRevision = 'any' }): PlannedWrite => {
    // One pass over the events (this runs for every event of a big import): ids, data as JSON, stored ones.
    const count = events.length;
    const eventIds = new Array<string>(count);
    const data = new Array<string>(count);
    let storedCount = 0;
    let lastStoredPosition = 0;
    let firstStoredId: string | undefined;
    for (let i = 0; i < count; i++) {
      const event = events[i];
      eventIds[i] = event.id;
      data[i] = serializeData(event.data);
      const found = stored.size ? stored.get(event.id) : undefined;
      if (!found) continue;
      if (found.stream !== stream || found.type !== event.type || found.data !== data[i]) {
        throw new DuplicateEventId(event.id, 'stored with a different payload');
      }
      storedCount += 1;
      firstStoredId ??= event.id;
      lastStoredPosition = Math.max(lastStoredPosition, found.position);
    }

    if (storedCount > 0 && storedCount === events.length) {
      // Idempotent retry: succeeds whatever the expected revision, writes nothing.
      return { rows: [], result: { stream, nextRevision: revisionOf(stream), position: lastStoredPosition, eventIds, written: false } };
    }
    if (firstStoredId !== undefined) throw new DuplicateEventId(firstStoredId, 'batch partly stored');

    const actual = revisionOf(stream);
    assertExpectedRevision(stream, expectedRevision, actual);
    const rows = new Array<EventRow>(count);
    let metadataOf: unknown;
    let metadata = '';
    for (let i = 0; i < count; i++) {
      const event = events[i];
      // The events of one command usually share their metadata object: serialised once.
      if (i === 0 || event.metadata !== metadataOf) {
        metadataOf = event.metadata;
        metadata = JSON.stringify(event.metadata ?? {});
      }
      rows[i] = { id: event.id, stream, revision: actual + 1 + i, type: event.type, data: data[i], metadata, recordedAt: event.recordedAt ?? now };
    }
    const nextRevision = actual + events.length;
    revisions.set(stream, nextRevision);
    return { rows, result: { stream, nextRevision, position: 0, eventIds, written: rows.length > 0 } };
  });
}
