import type { EventStore } from './event-store';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { MemoryEventStore } from './memory/memory-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export * from './types';
export * from './errors';
export { nameBasedIds } from './name-based-ids';
export { EventStore, type EventDataSlice } from './event-store';
export { MemoryEventStore } from './memory/memory-event-store';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export { type RangeVisitor, visitPositionRange } from './sqlite/sqlite-range-reader';
// Cheap to import: the client library itself is loaded when a KurrentDB URL is opened (kurrentdb-client.ts).
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';

/** `kurrentdb://`, `kurrent://`, `kdb://`, `esdb://` (deprecated) and their `+discover` forms. */
export const isKurrentDbUrl = (spec: string): boolean => /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\//i.test(spec.trim());

/**
 * The event store named by the environment (architecture §3): `BEM_EVENTSTORE_URL` (a KurrentDB
 * connection string) when set, else `BEM_STORE`, else `./data/bem.sqlite`.
 */
export const storeSpecFromEnv = (env: NodeJS.ProcessEnv = process.env): string =>
  env.BEM_EVENTSTORE_URL?.trim() || env.BEM_STORE || './data/bem.sqlite';

/**
 * Opens the event store named by `spec` (e.g. the `BEM_EVENT_STORE` setting):
 * - `memory` or `memory:` -> a fresh in-process store (lost on exit);
 * - `sqlite:<path>` or a bare `<path>` -> the SQLite file (created with its folder if missing);
 *   `sqlite::memory:` for a private in-memory SQLite database;
 * - `kurrentdb://...` (or `esdb://…`) -> KurrentDB; connects lazily, at the first call.
 */
export function openEventStore(spec: string): EventStore {
  const trimmed = spec.trim();
  if (trimmed === 'memory' || trimmed === 'memory:') return new MemoryEventStore();
  if (isKurrentDbUrl(trimmed)) return KurrentDbEventStore.connect(trimmed);
  const path = trimmed.startsWith('sqlite:') ? trimmed.slice('sqlite:'.length) : trimmed;
  if (path === '') throw new Error(`事件库地址为空 / empty event store spec ${JSON.stringify(spec)}: give "memory" or a SQLite file path`);
  return SqliteEventStore.open(path);
}
