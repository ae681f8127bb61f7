import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore } from '@bem/event-store';
import type { ProgressReadModel } from './progress-read-model';
import { SqliteProgressReadModel } from './sqlite-progress-read-model';

/** A progress read model and where it lives. */
export interface ProgressReadModelHandle {
  model: ProgressReadModel;
  /** The sqlite database holding its tables and checkpoint; null for a memory model. */
  db: Database.Database | null;
  /** Where it lives, for messages: a file path, "event store" (the store's own file) or "memory". */
  location: string;
  /** Closes what this handle opened (never the event store's own connection). */
  close(): void;
}

/**
 * Opens the progress read model named by `spec` (the `BEM_READMODEL_STORE` setting):
 * - unset or empty: in the event store's file when the store is sqlite (tables and checkpoint beside
 *   the events), in memory otherwise (rebuilt from the log at each start);
 * - `memory`: in memory;
 * - `<path>` or `sqlite:<path>`: its own sqlite file (created if missing). Each api/worker instance of a
 *   KurrentDB deployment gives its own file: it survives restarts and catches up from its checkpoint.
 */
export function openProgressReadModel(store: EventStore, spec: string | undefined = process.env.BEM_READMODEL_STORE): ProgressReadModelHandle {
  const trimmed = spec?.trim() ?? '';
  if (trimmed === '') {
    const db = store.companionDatabase;
    return db
      ? { model: new SqliteProgressReadModel(db), db, location: 'event store', close: () => undefined }
      : memoryHandle();
  }
  if (trimmed === 'memory' || trimmed === 'memory:') return memoryHandle();
  const path = trimmed.startsWith('sqlite:') ? trimmed.slice('sqlite:'.length) : trimmed;
  const db = openReadModelDatabase(path);
  return {
    model: new SqliteProgressReadModel(db),
    db,
    location: path,
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** A sqlite file for read models: WAL (readers never wait for the catch-up writer), durable, patient with other processes. */
export function openReadModelDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // a read model can always be rebuilt from the log: NORMAL is enough
  db.pragma('busy_timeout = 5000');
  return db;
}

/** In memory: the packed sqlite model on a private in-memory database (a few dozen bytes per event, not an object per fact). */
const memoryHandle = (): ProgressReadModelHandle => {
  const db = new Database(':memory:');
  return { model: new SqliteProgressReadModel(db), db: null, location: 'memory', close: () => db.close() };
};
