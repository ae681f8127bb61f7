import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { planAppend, type AppendView, type PlannedWrite, type StoredFingerprint } from '../append-rules';
import { CatchUpSubscription } from '../catch-up-subscription';
import { StoreNotFound } from '../errors';
import { idKey } from '../id-key';
import { type EventDataSlice, EventStore, type FindEventsWhere, type ReplaySource } from '../event-store';
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

/** An open `withinTransaction`: its writes are visible only to the calls made inside it. */
interface Session {
  /** Resolves when the transaction has ended (committed or rolled back). */
  done: Promise<void>;
  /** Stream revisions known inside the transaction: nobody else can write while it holds the lock. */
  revisions: Map<string, number>;
  /** Head position when it began: what callers outside it can see. */
  headBefore: number;
  /**
   * When the store was empty at the start, an id can only be stored if this transaction inserted it: the keys
   * (idKey) of the ids it inserted, so that id lookups query only the few ids whose key is there (a big import
   * into an empty store then skips almost every lookup). Null when the store was not empty.
   */
  inserted: Set<number> | null;
  /** An append that failed part way (an insert error): the transaction can only be rolled back. */
  poisoned?: unknown;
}

/** withinTransaction waits up to this many busy timeouts for the write lock. */
const BEGIN_ATTEMPTS = 24;

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
  /** The log's own file: read models, the outbox and tokens keep their tables beside the events. */
  override readonly companionDatabase: Database.Database;
  private readonly sql: Statements;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly appendTransaction: Database.Transaction<(writes: StreamWrite[]) => PlannedWrite[]>;
  private session: Session | null = null;
  private readonly sessionContext = new AsyncLocalStorage<Session>();

  private readonly view: AppendView = {
    lookup: (all) => {
      const found = new Map<string, StoredFingerprint>();
      const ids = this.maybeStored(all);
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const chunk = ids.slice(i, i + ID_CHUNK);
        for (const row of this.sql.fingerprints(chunk.length).all(...chunk)) found.set(row.id, row);
      }
      return found;
    },
    revision: (stream) => this.session?.revisions.get(stream) ?? this.sql.streamRevision.get(stream) ?? -1,
  };

  /** Takes ownership of `db`: sets its pragmas and creates the schema if missing. Prefer `open`. */
  constructor(readonly db: Database.Database) {
    super();
    this.companionDatabase = db;
    applyPragmas(db);
    createSchema(db);
    this.sql = prepareStatements(db);
    this.appendTransaction = db.transaction((writes: StreamWrite[]): PlannedWrite[] => this.planAndInsert(writes));
  }

  /** planAppend, then the inserts; the caller provides the transaction. */
  private planAndInsert(writes: StreamWrite[]): PlannedWrite[] {
    return this.insertPlanned(planAppend(writes, this.view));
  }

  private insertPlanned(plan: PlannedWrite[]): PlannedWrite[] {
    const insert = this.sql.insert;
    const inserted = this.session?.inserted;
    for (const { rows, result } of plan) {
      for (const row of rows) {
        inserted?.add(idKey(row.id));
        result.position = Number(insert.run(row.id, row.stream, row.revision, row.type, row.data, row.metadata, row.recordedAt).lastInsertRowid);
      }
    }
    return plan;
  }

  /**
   * Opens (creating if needed, with its parent folder) the store file; `':memory:'` for a private in-memory db.
   * With `mustExist`, a missing file is a StoreNotFound and nothing is created.
   */
  static open(path: string, options: { mustExist?: boolean } = {}): SqliteEventStore {
    const onDisk = path !== ':memory:' && path !== '';
    if (onDisk && options.mustExist && !existsSync(path)) throw new StoreNotFound(path);
    if (onDisk) mkdirSync(dirname(path), { recursive: true });
    return new SqliteEventStore(new Database(path));
  }


  /** The store file, read by worker threads through connections of their own; null for an in-memory database. */
  override replaySource(): ReplaySource | null {
    const file = this.db.name;
    return !file || file === ':memory:' || this.db.memory ? null : { kind: 'sqlite', file };
  }

  /** Runs `fn` in one transaction on the store's connection (nested calls become savepoints). `fn` must be synchronous. */
  transaction<T>(fn: () => T): T {
    if (this.outsideSession()) throw new Error('event store busy: a write transaction (withinTransaction) is open on this connection');
    return this.db.transaction(fn)();
  }

  /** See EventStore.withinTransaction: `BEGIN IMMEDIATE` … `COMMIT`, or `ROLLBACK` when `fn` rejects. */
  override async withinTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.session && !this.outsideSession()) throw new Error('withinTransaction cannot be nested');
    await this.waitForSession();
    await this.beginImmediate();
    let end!: () => void;
    const headBefore = this.sql.head.get() ?? 0;
    const session: Session = {
      done: new Promise<void>((resolve) => (end = resolve)),
      revisions: new Map(),
      headBefore,
      inserted: headBefore === 0 ? new Set() : null,
    };
    this.session = session;
    try {
      const result = await this.sessionContext.run(session, fn);
      if (session.poisoned) throw session.poisoned;
      this.db.exec('COMMIT');
      if ((this.sql.head.get() ?? 0) > session.headBefore) for (const subscription of this.subscriptions) subscription.notify();
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.session = null;
      end();
    }
  }

  /**
   * BEGIN IMMEDIATE, waiting for another connection's write transaction (a long import in another process) beyond
   * one busy timeout: up to BEGIN_ATTEMPTS of them.
   */
  private async beginImmediate(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= BEGIN_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }

  /** True when a transaction is open and the caller is not inside it. */
  private outsideSession(): boolean {
    return this.session !== null && this.sessionContext.getStore() !== this.session;
  }

  /** The ids that may be stored: all of them, except inside a transaction begun on an empty store (see Session.inserted). */
  private maybeStored(ids: readonly string[]): readonly string[] {
    const inserted = this.session?.inserted;
    if (!inserted) return ids;
    const maybe: string[] = [];
    for (const id of ids) if (inserted.has(idKey(id))) maybe.push(id);
    return maybe;
  }

  /** Callers outside an open transaction wait for its end (they would otherwise join it, or see its writes). */
  private async waitForSession(): Promise<void> {
    while (this.outsideSession()) await this.session?.done;
  }

  override async append(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expectedRevision: options.expectedRevision }]);
    return result;
  }

  override async appendMany(writes: StreamWrite[]): Promise<AppendResult[]> {
    if (this.outsideSession()) await this.waitForSession();
    const session = this.session;
    let plan: PlannedWrite[];
    if (session) {
      // Inside withinTransaction: no savepoint per call. A savepoint would copy every page the call first touches
      // into a sub-journal (with random UUID keys, about one page per row: half the import time at 1M events).
      // planAppend refuses before inserting anything; should an insert itself fail, the transaction is poisoned:
      // withinTransaction then rolls it all back, so that an append stays all or nothing.
      plan = planAppend(writes, this.view);
      try {
        this.insertPlanned(plan);
      } catch (error) {
        session.poisoned ??= error;
        throw error;
      }
    } else plan = this.appendTransaction.immediate(writes);
    if (session) {
      // Inside withinTransaction (a savepoint): remember the revisions, notify subscriptions at the commit.
      for (const { result } of plan) session.revisions.set(result.stream, result.nextRevision);
    } else if (plan.some((planned) => planned.rows.length > 0)) for (const subscription of this.subscriptions) subscription.notify();
    return plan.map((planned) => planned.result);
  }

  override async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (this.outsideSession()) await this.waitForSession();
    return this.sql.readStream.all(stream, options.fromRevision ?? 0).map(toRecorded);
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (this.outsideSession()) await this.waitForSession();
    if (options.types) {
      if (options.types.length === 0) return [];
      const limit = options.limit === undefined ? -1 : Math.max(0, options.limit);
      return this.sql.readAllOfTypes(options.types.length).all(options.fromPosition ?? 0, ...options.types, limit).map(toRecorded);
    }
    return this.readAfter(options.fromPosition ?? 0, options.limit);
  }

  /** One query per ID_CHUNK streams, only type and data (no envelope or metadata to parse). */
  override async readStreamsData(streams: readonly string[], options: { types?: readonly string[] } = {}): Promise<Map<string, EventDataSlice[]>> {
    if (this.outsideSession()) await this.waitForSession();
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

  /** Finds an id wherever it is stored (the id is indexed): the streams `where` names are not needed. */
  override async findEvents(ids: readonly string[], _where?: FindEventsWhere): Promise<Map<string, RecordedEvent>> {
    if (this.outsideSession()) await this.waitForSession();
    const found = new Map<string, RecordedEvent>();
    const unique = [...new Set(this.maybeStored(ids))];
    for (let i = 0; i < unique.length; i += ID_CHUNK) {
      const chunk = unique.slice(i, i + ID_CHUNK);
      const rows = this.sql.findByIds(chunk.length).all(...chunk);
      for (const row of rows) found.set(row.id, toRecorded(row));
    }
    return found;
  }

  override async streamRevision(stream: string): Promise<number> {
    if (this.outsideSession()) await this.waitForSession();
    return this.sql.streamRevision.get(stream) ?? -1;
  }

  override async headPosition(): Promise<number> {
    if (this.outsideSession()) await this.waitForSession();
    return this.sql.head.get() ?? 0;
  }

  override subscribe(handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    if (!this.db.open) throw new Error('event store is closed');
    const subscription = new CatchUpSubscription(
      {
        // While a transaction is open, a subscription outside it sees nothing new (its events are not committed yet).
        readAfter: (from, limit) => (this.outsideSession() ? [] : this.readAfter(from, limit)),
        head: () => (this.outsideSession() ? (this.session as Session).headBefore : (this.sql.head.get() ?? 0)),
      },
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
