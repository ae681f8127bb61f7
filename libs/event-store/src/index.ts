import type { EventStore } from './event-store';
import { MemoryEventStore } from './memory/memory-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export * from './types';
export * from './errors';
export { EventStore } from './event-store';
export { MemoryEventStore } from './memory/memory-event-store';
export { SqliteEventStore } from './sqlite/sqlite-event-store';

/**
 * Opens the event store named by `spec` (e.g. the `BEM_EVENT_STORE` setting):
 * - `memory` or `memory:` -> a fresh in-process store (lost on exit);
 * - `sqlite:<path>` or a bare `<path>` -> the SQLite file (created with its folder if missing);
 *   `sqlite::memory:` for a private in-memory SQLite database;
 * - `kurrentdb://...` -> not built yet (a later issue): throws.
 */
export function openEventStore(spec: string): EventStore {
  const trimmed = spec.trim();
  if (trimmed === 'memory' || trimmed === 'memory:') return new MemoryEventStore();
  // The connection string is not echoed: it may carry credentials.
  if (/^(kurrentdb|kurrent|esdb)(\+discover)?:\/\//i.test(trimmed)) {
    throw new Error(
      'KurrentDB 事件库适配器尚未实现 / the KurrentDB event store adapter is not built yet: ' +
        'use a SQLite file path or "memory" for now',
    );
  }
  const path = trimmed.startsWith('sqlite:') ? trimmed.slice('sqlite:'.length) : trimmed;
  if (path === '') throw new Error(`事件库地址为空 / empty event store spec ${JSON.stringify(spec)}: give "memory" or a SQLite file path`);
  return SqliteEventStore.open(path);
}
