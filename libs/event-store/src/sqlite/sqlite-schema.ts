import type Database from 'better-sqlite3';
import type { StoredFingerprint } from '../append-rules';

/** Milliseconds a connection waits for another connection's (or process's) write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL'); // readers never block the writer; several processes can share the file
  // FULL: fsync the WAL at every commit. Every committed event is a finance fact (a payment, a budget
  // adjustment); once append resolves it must survive a power cut, not only a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 64 MiB page cache (default 2 MiB): event ids are random UUIDs, so a big import touches the id index
  // all over; with the default cache a million-event import spends its time re-reading index pages.
  db.pragma('cache_size = -65536');
}

/** Creates the events table if missing. `position` (rowid, AUTOINCREMENT: never reused) is the global order. */
export function createSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY AUTOINCREMENT,
      id          TEXT    NOT NULL UNIQUE,
      stream      TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      recorded_at TEXT    NOT NULL,
      UNIQUE (stream, revision)
    );
  `);
}

/** A row of `events` as better-sqlite3 returns it. */
export interface EventRecordRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export interface FingerprintRow extends StoredFingerprint {
  id: string;
}

type InsertParams = [id: string, stream: string, revision: number, type: string, data: string, metadata: string, recordedAt: string];

export interface Statements {
  insert: Database.Statement<InsertParams>;
  /** Plucked MAX(revision): null when the stream has no events. */
  streamRevision: Database.Statement<[string], number | null>;
  /** Plucked MAX(position): null when the store is empty. */
  head: Database.Statement<[], number | null>;
  readAll: Database.Statement<[fromPosition: number, limit: number], EventRecordRow>;
  readStream: Database.Statement<[stream: string, fromRevision: number], EventRecordRow>;
  /** (stream, type, data) of `streams` streams [of `types` types], raw rows ordered by stream and revision. */
  streamsData(streams: number, types: number): Database.Statement<string[], [stream: string, type: string, data: string]>;
  /** readAll of some types: (fromPosition, ...types, limit), prepared once per number of types. */
  readAllOfTypes(size: number): Database.Statement<(string | number)[], EventRecordRow>;
  /** `WHERE id IN (?, ...)` with `size` placeholders, prepared once per size. */
  fingerprints(size: number): Database.Statement<string[], FingerprintRow>;
  findByIds(size: number): Database.Statement<string[], EventRecordRow>;
}

const COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

/** Prepares every statement once; the `IN` lists are cached by size. */
const placeholders = (size: number) => new Array<string>(size).fill('?').join(',');

/** A statement per list size, prepared on first use. */
function bySize<S>(prepare: (size: number) => S): (size: number) => S {
  const cache = new Map<number, S>();
  return (size) => {
    let statement = cache.get(size);
    if (!statement) {
      statement = prepare(size);
      cache.set(size, statement);
    }
    return statement;
  };
}

export function prepareStatements(db: Database.Database): Statements {
  const inList = <Row>(select: string) =>
    bySize((size) => db.prepare<string[], Row>(`SELECT ${select} FROM events WHERE id IN (${placeholders(size)})`));
  return {
    insert: db.prepare<InsertParams>(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    streamRevision: db.prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream = ?').pluck(),
    head: db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck(),
    readAll: db.prepare<[number, number], EventRecordRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    readStream: db.prepare<[string, number], EventRecordRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision`,
    ),
    readAllOfTypes: bySize((size) =>
      db.prepare<(string | number)[], EventRecordRow>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? AND type IN (${placeholders(size)}) ORDER BY position LIMIT ?`,
      ),
    ),
    streamsData: (() => {
      const byStreams = bySize((streams) =>
        bySize((types) =>
          db
            .prepare<string[], [string, string, string]>(
              `SELECT stream, type, data FROM events WHERE stream IN (${placeholders(streams)})${types ? ` AND type IN (${placeholders(types)})` : ''} ORDER BY stream, revision`,
            )
            .raw(),
        ),
      );
      return (streams: number, types: number) => byStreams(streams)(types);
    })(),
    fingerprints: inList<FingerprintRow>('id, stream, type, data, position'),
    findByIds: inList<EventRecordRow>(COLUMNS),
  };
}
