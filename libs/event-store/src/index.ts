import type { EventStore } from './event-store';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { MemoryEventStore } from './memory/memory-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { parseStoreSpec } from './store-spec';

export * from './types';
export * from './errors';
export { nameBasedIds } from './name-based-ids';
export { EventStore, type EventDataSlice, type FindEventsWhere, type ReplaySource } from './event-store';
export { MemoryEventStore } from './memory/memory-event-store';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export { PostgresEventStore } from './postgres/postgres-event-store';
export { isPostgresUrl } from './postgres/postgres-url';
export { type RangeVisitor, visitPositionRange } from './range-reader';
export { isKurrentDbUrl, parseStoreSpec, type StoreTarget } from './store-spec';
// Cheap to import: the client library itself is loaded when a KurrentDB URL is opened (kurrentdb-client.ts).
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';

/**
 * The event store named by the environment (architecture §3): `BEM_EVENTSTORE_URL` (a KurrentDB or PostgreSQL
 * connection string) when set, else `BEM_STORE`, else `./data/bem.sqlite`. A spec naming no known kind of store
 * (`http://…`) is an InvalidStoreSpec.
 */
export function storeSpecFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const spec = env.BEM_EVENTSTORE_URL?.trim() || env.BEM_STORE || './data/bem.sqlite';
  parseStoreSpec(spec);
  return spec;
}

export interface OpenOptions {
  /** A SQLite file must exist already (read commands): a missing one is a StoreNotFound, nothing is created. */
  mustExist?: boolean;
}

/**
 * Opens the event store named by `spec` (architecture §10):
 * - `memory` or `memory:` -> a fresh in-process store (lost on exit);
 * - `sqlite:<path>` or a bare `<path>` (no URL scheme) -> the SQLite file (created with its folder if missing,
 *   unless `mustExist`); `sqlite::memory:` for a private in-memory SQLite database;
 * - `kurrentdb://...` (or `esdb://…`) -> KurrentDB; connects lazily, at the first call;
 * - `postgres://…` or `postgresql://…` -> PostgreSQL; connects (and migrates its schema) at the first call.
 * Anything else with a scheme throws InvalidStoreSpec.
 */
export function openEventStore(spec: string, options: OpenOptions = {}): EventStore {
  const target = parseStoreSpec(spec);
  switch (target.kind) {
    case 'memory':
      return new MemoryEventStore();
    case 'kurrentdb':
      return KurrentDbEventStore.connect(target.url);
    case 'postgres':
      return PostgresEventStore.connect(target.url);
    case 'sqlite':
      return SqliteEventStore.open(target.path, options);
  }
}
