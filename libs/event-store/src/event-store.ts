import type Database from 'better-sqlite3';
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
} from './types';

/**
 * Where a worker thread can read a position range of the store on a connection of its own (see
 * `visitPositionRange`): plain data, so it can be posted to a thread.
 */
export type ReplaySource = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** Where `findEvents` looks for ids: the streams they were appended to. */
export interface FindEventsWhere {
  streams: readonly string[];
}

/** What a fold of many streams reads of an event. */
export interface EventDataSlice {
  type: string;
  data: unknown;
}

/**
 * The event store port (architecture §3). Abstract class so it doubles as the Nest injection token.
 *
 * - append is atomic per call and checks `expectedRevision` (default `any`);
 * - an event whose id is already stored with the same type, data and stream is skipped: a batch
 *   made only of such events is an idempotent retry and succeeds without writing; the same id with
 *   another payload, or a batch only partly stored, is a `DuplicateEventId`;
 * - readAll and subscribe deliver in global commit order, never skipping or repeating.
 */
export abstract class EventStore {
  abstract append(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Several streams in one atomic write: all of it or nothing (sqlite and memory; kurrentdb documents its limits). */
  abstract appendMany(writes: StreamWrite[]): Promise<AppendResult[]>;
  abstract readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Type and data of the events of several streams (each in revision order; only these types when given), keyed
   * by stream, every asked stream present. This default reads stream by stream; an adapter may read them at once.
   */
  async readStreamsData(streams: readonly string[], options: { types?: readonly string[] } = {}): Promise<Map<string, EventDataSlice[]>> {
    const types = options.types ? new Set(options.types) : null;
    const found = new Map<string, EventDataSlice[]>();
    for (const stream of streams) {
      const events = await this.readStream(stream);
      found.set(stream, events.filter((event) => !types || types.has(event.type)).map(({ type, data }) => ({ type, data })));
    }
    return found;
  }
  /**
   * The stored events with these ids (missing ids are absent from the map). `where.streams` names the streams the
   * caller appended them to (deterministic ids: the caller knows; every id is looked for in each). sqlite, memory
   * and postgres keep an index of every id and find one wherever it is stored; kurrentdb has no lookup by id and
   * reads only these streams, so an id appended to a stream left out is not found there.
   */
  abstract findEvents(ids: readonly string[], where: FindEventsWhere): Promise<Map<string, RecordedEvent>>;
  /** Revision of the stream's last event, -1 when the stream does not exist. */
  abstract streamRevision(stream: string): Promise<number>;
  /** Position of the last stored event, 0 when empty. */
  abstract headPosition(): Promise<number>;
  /**
   * Catch-up subscription: hands every event with position > `fromPosition` to `handler` in position
   * order, in batches, awaiting it before the next batch, then keeps delivering new events (appends
   * from other connections or processes too, where the adapter can see them). A handler error ends
   * the subscription and rejects `caughtUp()` with it. Do not await `stop()` inside the handler.
   */
  abstract subscribe(handler: SubscriptionHandler, options?: SubscribeOptions): Subscription;
  /**
   * Optional capability (sqlite): runs `fn` as ONE write transaction spanning every call it makes to this store
   * (appends included, each still atomic on its own): all of it is committed when `fn` resolves, none of it when
   * `fn` rejects or the process dies first. Calls made inside see the transaction's own writes; other connections
   * and processes see none of them before the commit (their writes wait, up to the busy timeout). Callers outside
   * `fn` on the same store instance wait for the end of the transaction; subscriptions see its events only once
   * committed. No expected-revision conflict can occur inside (the write lock is held from the start).
   * Adapters that cannot hold a transaction across calls (memory, kurrentdb) leave it undefined.
   */
  withinTransaction?<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Optional capability (sqlite file, postgres): where a parallel replay's worker threads can read position ranges
   * themselves (`visitPositionRange`). Undefined, or null, when they cannot (memory, an in-memory database, kurrentdb).
   */
  replaySource?(): ReplaySource | null;
  /**
   * Optional capability (sqlite): the SQLite database of the log itself, where read models, the alert outbox and
   * the token table may keep their tables and update them in the same file. Undefined for every other adapter:
   * they then keep those in a file of their own (BEM_READMODEL_STORE), in memory, or as events.
   */
  declare readonly companionDatabase?: Database.Database;
  /** Stops every subscription (awaiting handlers in progress), then releases the store. */
  abstract close(): Promise<void>;
}
