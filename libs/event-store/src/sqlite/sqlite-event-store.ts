import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { planAppend, type AppendView, type PlannedWrite, type StoredFingerprint } from '../append-rules';
import { CatchUpSubscription } from '../catch-up-subscription';
import { type EventDataSlice, EventStore } from '../event-store';
import type {
  AppendOptions,
  AppendResult,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamWrite,
  Subscription,
  SubscribeOptions,
  SubscriptionHandler,
} from '../types';
import { applyPragmas, createSchema, prepareStatements, type EventRecordRow, type Statements } from './sqlite-schema';

/** Largest `IN (...)` list sent in one query. */
const ID_CHUNK = 500;
/** How often an idle subscription looks for events appended by another connection or process. */
const POLL_MS = 50;

/**
 * Event store on one SQLite file (better-sqlite3, WAL). Every append call is one `BEGIN IMMEDIATE`
 * transaction: atomic across streams and serialised against every other connection to the file,
 * including other processes (they wait up to `busy_timeout`).
 *
 * `db` is public so read models can keep their tables and checkpoints in the same file and update
 * them in one transaction (see `transaction`).
 */
export class SqliteEventStore extends EventStore {
  private readonly sql: Statements;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly appendTransaction: Database.Transaction<(writes: StreamWrite[]) => PlannedWrite[]>;

  private readonly view: AppendView = {
    lookup: (ids) => {
      const found = new Map<string, StoredFingerprint>();
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const chunk = ids.slice(i, i + ID_CHUNK);
        for (const row of this.sql.fingerprints(chunk.length).all(...chunk)) found.set(row.id, row);
      }
      return found;
    },
    revision: (stream) => this.sql.streamRevision.get(stream) ?? -1,
  };

  /** Takes ownership of `db`: sets its pragmas and creates the schema if missing. Prefer `open`. */
  constructor(readonly db: Database.Database) {
    super();
    applyPragmas(db);
    createSchema(db);
    this.sql = prepareStatements(db);
    this.appendTransaction = db.transaction((writes: StreamWrite[]): PlannedWrite[] => {
      const plan = planAppend(writes, this.view);
      const insert = this.sql.insert;
      for (const { rows, result } of plan) {
        for (const row of rows) {
          const info = insert.run(row.id, row.stream, row.revision, row.type, row.data, row.metadata, row.recordedAt);
          result.position = Number(info.lastInsertRowid);
        }
      }
      return plan;
    });
  }

  /** Opens (creating if needed, with its parent folder) the store file; `':memory:'` for a private in-memory db. */
  static open(path: string): SqliteEventStore {
    if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
    return new SqliteEventStore(new Database(path));
  }

  /** Runs `fn` in one transaction on the store's connection (nested calls become savepoints). `fn` must be synchronous. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  override async append(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expectedRevision: options.expectedRevision }]);
    return result;
  }

  override async appendMany(writes: StreamWrite[]): Promise<AppendResult[]> {
    const plan = this.appendTransaction.immediate(writes);
    if (plan.some((planned) => planned.rows.length > 0)) for (const subscription of this.subscriptions) subscription.notify();
    return plan.map((planned) => planned.result);
  }

  override async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.sql.readStream.all(stream, options.fromRevision ?? 0).map(toRecorded);
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (options.types) {
      if (options.types.length === 0) return [];
      const limit = options.limit === undefined ? -1 : Math.max(0, options.limit);
      return this.sql.readAllOfTypes(options.types.length).all(options.fromPosition ?? 0, ...options.types, limit).map(toRecorded);
    }
    return this.readAfter(options.fromPosition ?? 0, options.limit);
  }

  /** One query per ID_CHUNK streams, only type and data (no envelope or metadata to parse). */
  override async readStreamsData(streams: readonly string[], options: { types?: readonly string[] } = {}): Promise<Map<string, EventDataSlice[]>> {
    const found = new Map<string, EventDataSlice[]>(streams.map((stream) => [stream, []]));
    const types = options.types ?? [];
    if (options.types && types.length === 0) return found;
    const unique = [...found.keys()];
    for (let i = 0; i < unique.length; i += ID_CHUNK) {
      const chunk = unique.slice(i, i + ID_CHUNK);
      let into: EventDataSlice[] = [];
      let current = '';
      for (const [stream, type, data] of this.sql.streamsData(chunk.length, types.length).all(...chunk, ...types)) {
        if (stream !== current) into = found.get((current = stream)) as EventDataSlice[];
        into.push({ type, data: JSON.parse(data) as unknown });
      }
    }
    return found;
  }

  override async findEvents(ids: readonly string[]): Promise<Map<string, RecordedEvent>> {
    const found = new Map<string, RecordedEvent>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += ID_CHUNK) {
      const chunk = unique.slice(i, i + ID_CHUNK);
      const rows = this.sql.findByIds(chunk.length).all(...chunk);
      for (const row of rows) found.set(row.id, toRecorded(row));
    }
    return found;
  }

  override async streamRevision(stream: string): Promise<number> {
    return this.sql.streamRevision.get(stream) ?? -1;
  }

  override async headPosition(): Promise<number> {
    return this.sql.head.get() ?? 0;
  }

  override subscribe(handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    if (!this.db.open) throw new Error('event store is closed');
    const subscription = new CatchUpSubscription(
      { readAfter: (from, limit) => this.readAfter(from, limit), head: () => this.sql.head.get() ?? 0 },
      handler,
      { ...options, pollMs: POLL_MS, onEnd: (ended) => this.subscriptions.delete(ended) },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  override async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.db.open) this.db.close();
  }

  private readAfter(fromPosition: number, limit?: number): RecordedEvent[] {
    // A negative LIMIT means no limit in SQLite.
    return this.sql.readAll.all(fromPosition, limit === undefined ? -1 : Math.max(0, limit)).map(toRecorded);
  }
}

function toRecorded(row: EventRecordRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  };
}
