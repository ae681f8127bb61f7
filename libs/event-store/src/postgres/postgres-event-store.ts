import { AsyncLocalStorage } from 'node:async_hooks';
import { Client, Pool, type PoolClient } from 'pg';
import { planAppend, type AppendView, type StoredFingerprint } from '../append-rules';
import { CatchUpSubscription } from '../catch-up-subscription';
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
import * as q from './postgres-queries';
import { lockSql, migrate } from './postgres-schema';
import { parsePostgresUrl, type PostgresTarget } from './postgres-url';

/** The channel every append notifies at commit (payload: the schema), waking subscriptions of other processes. */
const CHANNEL = 'bem_events';
/** The floor under LISTEN/NOTIFY: an idle subscription reads again at least this often. */
const POLL_MS = 250;

/** One open `withinTransaction`: a client holding the append lock from BEGIN to COMMIT. */
interface Session {
  client: PoolClient;
  head: number;
  revisions: Map<string, number>;
  /**
   * When the store was empty at BEGIN (and the lock keeps everyone else out): the idKey of every id inserted since,
   * so that a stream or id this transaction did not write is known to be absent without a query (a big import).
   */
  inserted: Set<number> | null;
  /** Calls inside run one after the other on the one client. */
  queue: Promise<unknown>;
  /**
   * The last INSERT, sent but not awaited by its append: positions are allocated here, under the lock, so an append
   * inside a transaction returns before its rows reach the server and the caller decides the next chunk meanwhile.
   * The next call of the queue starts once it is done (pg 8 deprecates queueing a query on a busy client); a failed
   * one poisons the transaction: the calls after it fail as "transaction aborted", the commit throws its error.
   */
  inflight: Promise<void>;
  poisoned?: unknown;
}

/**
 * Event store on PostgreSQL (`pg`). Every append is one transaction that first takes a transaction-level advisory
 * lock (`pg_advisory_xact_lock`) of the schema: appends are serialised, positions are allocated under the lock
 * (max + 1, so dense) and become visible in position order — a catch-up reading `position > n` can never see
 * n+1 committed while n is still in flight. Idempotency and conflicts rest on the unique `id` column.
 * Subscriptions are woken by LISTEN/NOTIFY and poll as a floor.
 */
export class PostgresEventStore extends EventStore {
  private readonly pool: Pool;
  private readonly ready: Promise<void>;
  private readonly sessions = new AsyncLocalStorage<Session>();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private listener: Promise<Client | null> | null = null;
  private closed = false;

  constructor(
    private readonly target: PostgresTarget,
    private readonly url: string,
  ) {
    super();
    this.pool = new Pool(target.pool);
    this.pool.on('error', () => undefined); // an idle client lost (server restart): the next query reconnects
    this.ready = this.migrateOnce();
    this.ready.catch(() => undefined); // reported by the first call
  }

  /** Connects lazily: the first call waits for the migrations. */
  static connect(url: string): PostgresEventStore {
    return new PostgresEventStore(parsePostgresUrl(url), url);
  }

  private async migrateOnce(): Promise<void> {
    await Promise.resolve();
    const client = await this.pool.connect();
    try {
      await migrate(client, this.target.schema);
    } finally {
      client.release();
    }
  }

  /** The client of the current withinTransaction, else the pool (after the migrations). */
  private async db(): Promise<q.Queryable> {
    if (this.closed) throw new Error('event store is closed');
    await this.ready;
    return this.sessions.getStore()?.client ?? this.pool;
  }

  /** Runs `fn` after the calls already queued in the current transaction (or at once outside one). */
  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const session = this.sessions.getStore();
    if (!session) return fn();
    const run = session.queue.then(fn, fn);
    const settled = (): Promise<void> => session.inflight;
    session.queue = run.then(settled, settled);
    return run;
  }

  override async append(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expectedRevision: options.expectedRevision }]);
    return result;
  }

  override async appendMany(writes: StreamWrite[]): Promise<AppendResult[]> {
    await this.db();
    const session = this.sessions.getStore();
    if (session) return this.serialised(() => this.appendInSession(session, writes));
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(lockSql('append'), [this.target.schema]);
      const { results, written } = await this.planAndInsert(client, writes, await q.headPosition(client), new Map());
      if (written) await client.query('SELECT pg_notify($1, $2)', [CHANNEL, this.target.schema]);
      await client.query('COMMIT');
      if (written) this.notifySubscriptions();
      return results;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error instanceof Refused ? error.cause : error;
    } finally {
      client.release();
    }
  }

  private async appendInSession(session: Session, writes: StreamWrite[]): Promise<AppendResult[]> {
    try {
      const { results, head } = await this.planAndInsert(session.client, writes, session.head, session.revisions, session);
      session.head = head;
      for (const result of results) session.revisions.set(result.stream, result.nextRevision);
      return results;
    } catch (error) {
      // planAppend refuses before any insert; an insert failing part way leaves the transaction to roll back.
      if (!(error instanceof Refused)) session.poisoned ??= error;
      throw error instanceof Refused ? error.cause : error;
    }
  }

  /** Reads what planAppend needs (under the lock), plans, inserts. `known` are revisions already known. */
  private async planAndInsert(client: q.Queryable, writes: StreamWrite[], head: number, known: Map<string, number>, session?: Session) {
    const inserted = session?.inserted ?? null;
    const ids = maybeStored(
      inserted,
      writes.flatMap((write) => (Array.isArray(write.events) ? write.events.map((event) => event.id) : [])),
    );
    // On a store empty at BEGIN, a stream not written in this transaction has no events.
    const asked = inserted ? [] : [...new Set(writes.map((write) => write.stream))].filter((stream) => !known.has(stream));
    let stored: Map<string, StoredFingerprint>;
    let revisions: Map<string, number>;
    try {
      stored = await q.fingerprints(client, ids.filter((id) => typeof id === 'string'));
      revisions = asked.length > 0 ? await q.streamRevisions(client, asked) : new Map();
    } catch (error) {
      throw new Refused(error);
    }
    const view: AppendView = { lookup: () => stored, revision: (stream) => known.get(stream) ?? revisions.get(stream) ?? -1 };
    let plan;
    try {
      plan = planAppend(writes, view);
    } catch (error) {
      throw new Refused(error);
    }
    // Every row of the call in as few INSERTs as possible (a chunk of an import is thousands of small writes).
    const rows = plan.flatMap((planned) => planned.rows);
    let last = head;
    for (const planned of plan) if (planned.rows.length > 0) planned.result.position = last += planned.rows.length;
    if (rows.length > 0 && session) {
      session.inflight = q.insertRows(client, rows, head).then(
        () => undefined,
        (error: unknown) => void (session.poisoned ??= error),
      );
      head += rows.length;
    } else if (rows.length > 0) head = await q.insertRows(client, rows, head);
    if (inserted) for (const row of rows) inserted.add(idKey(row.id));
    return { results: plan.map((planned) => planned.result), written: plan.some((planned) => planned.rows.length > 0), head };
  }

  override async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const db = await this.db();
    if (this.knownEmpty(stream)) return [];
    return this.serialised(() => q.readStream(db, stream, options.fromRevision ?? 0));
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const db = await this.db();
    if (options.types && options.types.length === 0) return [];
    return this.serialised(() => q.readAfter(db, options.fromPosition ?? 0, options.limit, options.types));
  }

  override async readStreamsData(streams: readonly string[], options: { types?: readonly string[] } = {}): Promise<Map<string, EventDataSlice[]>> {
    const db = await this.db();
    const found = new Map<string, EventDataSlice[]>(streams.map((stream) => [stream, []]));
    if ((options.types && options.types.length === 0) || found.size === 0) return found;
    const asked = [...found.keys()].filter((stream) => !this.knownEmpty(stream));
    if (asked.length === 0) return found;
    const rows = await this.serialised(() => q.streamsData(db, asked, options.types));
    for (const [stream, type, data] of rows) found.get(stream)?.push({ type, data: JSON.parse(data) as unknown });
    return found;
  }

  /** Finds an id wherever it is stored (the id is indexed): the streams `where` names are not needed. */
  override async findEvents(ids: readonly string[], _where?: FindEventsWhere): Promise<Map<string, RecordedEvent>> {
    const db = await this.db();
    const asked = maybeStored(this.sessions.getStore()?.inserted ?? null, [...new Set(ids)]);
    const events = asked.length > 0 ? await this.serialised(() => q.findByIds(db, asked)) : [];
    return new Map(events.map((event) => [event.id, event]));
  }

  override async streamRevision(stream: string): Promise<number> {
    const db = await this.db();
    if (this.knownEmpty(stream)) return -1;
    const revisions = await this.serialised(() => q.streamRevisions(db, [stream]));
    return revisions.get(stream) ?? -1;
  }

  override async headPosition(): Promise<number> {
    const db = await this.db();
    return this.serialised(() => q.headPosition(db));
  }

  /** Inside a transaction begun on an empty store: true for a stream it has not written. */
  private knownEmpty(stream: string): boolean {
    const session = this.sessions.getStore();
    return Boolean(session?.inserted && !session.revisions.has(stream));
  }

  override subscribe(handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('event store is closed');
    // Subscriptions read committed events through the pool, even when started inside a transaction.
    const subscription = new CatchUpSubscription(
      {
        readAfter: async (from, limit) => (await this.ready, q.readAfter(this.pool, from, limit)),
        head: async () => (await this.ready, q.headPosition(this.pool)),
      },
      handler,
      { ...options, pollMs: POLL_MS, onEnd: (ended) => this.subscriptions.delete(ended) },
    );
    this.subscriptions.add(subscription);
    this.listener ??= this.listen();
    return subscription;
  }

  /** LISTEN on a connection of its own; without it (refused, lost) the subscriptions still poll. */
  private async listen(): Promise<Client | null> {
    try {
      await this.ready;
      const client = new Client(this.target.pool);
      client.on('error', () => undefined);
      client.on('notification', (message) => message.payload === this.target.schema && this.notifySubscriptions());
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      return client;
    } catch {
      return null;
    }
  }

  private notifySubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.notify();
  }

  /** See EventStore.withinTransaction: BEGIN, the append lock, … COMMIT (or ROLLBACK when `fn` rejects). */
  override async withinTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.sessions.getStore()) throw new Error('withinTransaction cannot be nested');
    await this.db();
    const client = await this.pool.connect();
    let session: Session | undefined;
    try {
      await client.query('BEGIN');
      await client.query(lockSql('append'), [this.target.schema]);
      const head = await q.headPosition(client);
      session = { client, head, revisions: new Map(), inserted: head === 0 ? new Set() : null, queue: Promise.resolve(), inflight: Promise.resolve() };
      const headBefore = session.head;
      const result = await this.sessions.run(session, fn);
      await session.queue;
      if (session.poisoned) throw session.poisoned;
      if (session.head > headBefore) await client.query('SELECT pg_notify($1, $2)', [CHANNEL, this.target.schema]);
      await client.query('COMMIT');
      if (session.head > headBefore) this.notifySubscriptions();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // An INSERT that failed after its append returned is the cause of the "transaction aborted" of the calls after it
      throw session?.poisoned ?? error;
    } finally {
      client.release();
    }
  }

  /** A worker thread of a parallel replay opens its own connection with this URL. */
  override replaySource(): ReplaySource {
    return { kind: 'postgres', url: this.url };
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    const listener = await this.listener;
    await listener?.end().catch(() => undefined);
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }
}

/** The ids that may be stored: all, except in a transaction begun on an empty store (only those it may have inserted). */
function maybeStored(inserted: Set<number> | null, ids: string[]): string[] {
  return inserted ? ids.filter((id) => typeof id === 'string' && inserted.has(idKey(id))) : ids;
}

/** A refusal decided before any insert (a bad call, a conflict): the transaction stays usable. */
class Refused extends Error {
  constructor(override readonly cause: unknown) {
    super('refused');
  }
}
