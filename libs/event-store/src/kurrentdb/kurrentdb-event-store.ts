import type { AllStreamResolvedEvent, Filter, KurrentDBClient, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { planAppend, serializeData, validateWrites, type StoredFingerprint } from '../append-rules';
import { EventStore, type FindEventsWhere } from '../event-store';
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
import { kurrentClient } from './kurrentdb-client';
import {
  isStreamNotFound,
  toClientPosition,
  toEventData,
  toEventStoreError,
  toRecordedEvent,
  toSafeNumber,
  toStreamState,
} from './kurrentdb-mapping';
import { KurrentDbSubscription } from './kurrentdb-subscription';

export interface KurrentDbEventStoreOptions {
  /**
   * Prefix of every stream this store writes and reads, e.g. `test-3f2a…-`: several independent stores
   * on one server (the contract suite gives each test its own). Letters, digits, `_`, `.`, `-`; not `$`.
   * Without it the store owns every non-system stream of the server.
   */
  namespace?: string;
}

/** How many streams are read at once by `findEvents` and before an append. */
const READ_CONCURRENCY = 16;

/** What an append needs of a stream it writes: its revision and the stored events carrying the call's ids. */
interface StreamView {
  revision: number;
  withIds: RecordedEvent[];
}

/**
 * Event store on KurrentDB (@kurrent/kurrentdb-client), for the multi-machine deployment
 * (architecture §8). Selected by `BEM_EVENTSTORE_URL=kurrentdb://…`.
 *
 * What differs from sqlite, and why:
 * - positions are KurrentDB commit positions (byte offsets): increasing, with gaps (kurrentdb-mapping.ts);
 * - `appendMany` is NOT atomic across streams. KurrentDB 1.x appends are atomic per stream only, so it
 *   (1) reads the revision of every stream written and the stored events of every id given, (2) runs the
 *   same rules as the other adapters (`planAppend`) on that view — a stale expected revision, a reused
 *   id or a partly stored batch anywhere refuses the whole call before anything is written — then
 *   (3) appends stream by stream, each with the caller's expected revision checked by the server.
 *   What remains guaranteed: every single write is atomic and revision-checked, and writes land in the
 *   given order. What is lost: if another writer moves stream k between (1) and (3), or the connection
 *   drops, writes before k stay stored and the call fails with `WrongExpectedRevision` (or the client
 *   error). Retrying the same call is safe: stored writes are recognised by their event ids and skipped,
 *   the rest are checked again — the command handler does exactly that, so a batch converges.
 * - idempotency by event id, checked per stream: before writing, each stream the call writes is read and its
 *   events carrying the call's ids are handed to `planAppend` (the server's own check only covers a retry at
 *   the same expected revision). Nothing is kept between calls and $all is never read to write: memory does not
 *   grow with the log. The price: an id already stored in a stream the call does not write is not seen, so
 *   reusing it elsewhere is accepted here (sqlite, memory and postgres refuse it), and `findEvents` looks only
 *   in the streams it is given. Callers use deterministic ids and name the stream they wrote them to.
 */
export class KurrentDbEventStore extends EventStore {
  private readonly namespace: string;
  private readonly filter: Filter;
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private closed = false;

  constructor(
    private readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions = {},
  ) {
    super();
    this.namespace = options.namespace ?? '';
    if (this.namespace !== '' && !/^[A-Za-z0-9_.-]+$/.test(this.namespace)) {
      throw new TypeError(`invalid KurrentDB namespace ${JSON.stringify(this.namespace)}: letters, digits, "_", "." and "-" only`);
    }
    // Server-side filters: system events never cross the wire.
    const { streamNameFilter, excludeSystemEvents } = kurrentClient();
    this.filter = this.namespace ? streamNameFilter({ prefixes: [this.namespace] }) : excludeSystemEvents();
  }

  /** Connects lazily: the first call reaches the server, so a wrong URL fails there (it is never echoed: it may hold a password). */
  static connect(connectionString: string, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(kurrentClient().KurrentDBClient.connectionString(connectionString), options);
  }

  override async append(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expectedRevision: options.expectedRevision }]);
    return result;
  }

  override async appendMany(writes: StreamWrite[]): Promise<AppendResult[]> {
    this.assertOpen();
    const ids = validateWrites(writes);
    const now = new Date().toISOString();
    const views = await this.views(writes.map((write) => write.stream), new Set(ids));
    const plan = planAppend(writes, { lookup: () => fingerprints(views), revision: (stream) => views.get(stream)?.revision ?? -1 }, now);

    for (const [i, { rows, result }] of plan.entries()) {
      if (rows.length === 0) continue;
      const write = writes[i];
      const expected = write.expectedRevision ?? 'any';
      try {
        const appended = await this.client.appendToStream(
          this.wire(write.stream),
          write.events.map((event) => toEventData(event, now)),
          { streamState: toStreamState(expected) },
        );
        result.nextRevision = toSafeNumber(appended.nextExpectedRevision, 'stream revision');
        result.position = appended.position ? toSafeNumber(appended.position.commit, 'commit position') : await this.lastPosition(write.stream);
      } catch (error) {
        throw toEventStoreError(error, write.stream, expected);
      }
    }
    return plan.map((planned) => planned.result);
  }

  override async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const from = Math.max(0, options.fromRevision ?? 0);
    return this.collect(this.client.readStream(this.wire(stream), { fromRevision: from === 0 ? kurrentClient().START : BigInt(from) }), stream);
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const from = options.fromPosition ?? 0;
    const limit = options.limit;
    if (limit !== undefined && limit <= 0) return [];
    // A read from a position includes the event at it: ask for one more and drop it (our fromPosition is exclusive).
    const events: RecordedEvent[] = [];
    const read = this.client.readAll({
      fromPosition: from === 0 ? kurrentClient().START : toClientPosition(from),
      maxCount: limit === undefined || options.types ? undefined : limit + 1,
      filter: this.filter,
    });
    // A type filter is applied here, not by the server: the server-side one shares the filter slot with the
    // system-event exclusion, and untested server behaviour is worse than reading a few events more.
    const types = options.types ? new Set(options.types) : null;
    for await (const resolved of read) {
      const event = this.toRecorded(resolved);
      if (!event || event.position <= from || (types && !types.has(event.type))) continue;
      events.push(event);
      if (limit !== undefined && events.length >= limit) break;
    }
    return events;
  }

  /** Reads each of `where.streams` once (no lookup by id exists on KurrentDB): ids stored elsewhere are not found. */
  override async findEvents(ids: readonly string[], where: FindEventsWhere): Promise<Map<string, RecordedEvent>> {
    this.assertOpen();
    const found = new Map<string, RecordedEvent>();
    if (ids.length === 0) return found;
    for (const view of (await this.views(where.streams, new Set(ids))).values()) {
      for (const event of view.withIds) found.set(event.id, event);
    }
    return found;
  }

  override async streamRevision(stream: string): Promise<number> {
    this.assertOpen();
    const [last] = await this.collect(
      this.client.readStream(this.wire(stream), { direction: kurrentClient().BACKWARDS, fromRevision: kurrentClient().END, maxCount: 1 }),
      stream,
    );
    return last ? last.revision : -1;
  }

  override async headPosition(): Promise<number> {
    this.assertOpen();
    // A few, not one: without a namespace the type filter lets through the odd event of a $ stream, which is skipped.
    for await (const resolved of this.client.readAll({ direction: kurrentClient().BACKWARDS, fromPosition: kurrentClient().END, maxCount: 16, filter: this.filter })) {
      const event = this.toRecorded(resolved);
      if (event) return event.position;
    }
    return 0;
  }

  override subscribe(handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new KurrentDbSubscription(
      {
        // A subscription from a position starts after it (exclusive), like ours.
        open: (from, highWaterMark) =>
          this.client.subscribeToAll({ fromPosition: from === 0 ? kurrentClient().START : toClientPosition(from), filter: this.filter }, { highWaterMark }),
        toRecorded: (resolved) => this.toRecorded(resolved),
        head: () => this.headPosition(),
      },
      handler,
      { ...options, onEnd: (ended) => this.subscriptions.delete(ended) },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /** Each distinct stream read once, at most READ_CONCURRENCY at a time: its revision and its events with these ids. */
  private async views(streams: readonly string[], ids: ReadonlySet<string>): Promise<Map<string, StreamView>> {
    const distinct = [...new Set(streams)];
    const views = new Map<string, StreamView>();
    for (let i = 0; i < distinct.length; i += READ_CONCURRENCY) {
      const read = await Promise.all(distinct.slice(i, i + READ_CONCURRENCY).map(async (stream) => [stream, await this.readStream(stream)] as const));
      for (const [stream, events] of read) {
        views.set(stream, { revision: events.length ? events[events.length - 1].revision : -1, withIds: events.filter((event) => ids.has(event.id)) });
      }
    }
    return views;
  }

  private async lastPosition(stream: string): Promise<number> {
    const [last] = await this.collect(
      this.client.readStream(this.wire(stream), { direction: kurrentClient().BACKWARDS, fromRevision: kurrentClient().END, maxCount: 1 }),
      stream,
    );
    return last?.position ?? 0;
  }

  /** Every event of a stream read; a stream that was never written reads as empty. */
  private async collect(read: AsyncIterableIterator<ResolvedEvent>, stream: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) events.push(toRecordedEvent(resolved, stream));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  /** Our envelope of an event read from $all, or null when it is not one of ours (system or outside the namespace). */
  private toRecorded(resolved: AllStreamResolvedEvent): RecordedEvent | null {
    const wireName = resolved.event?.streamId;
    if (wireName === undefined || wireName.startsWith('$') || !wireName.startsWith(this.namespace)) return null;
    return toRecordedEvent(resolved, wireName.slice(this.namespace.length));
  }

  private wire(stream: string): string {
    return this.namespace + stream;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

/** Stored fingerprints of the events found (as `planAppend` compares them): stream, type and data as JSON text. */
function fingerprints(views: ReadonlyMap<string, StreamView>): Map<string, StoredFingerprint> {
  const stored = new Map<string, StoredFingerprint>();
  for (const { withIds } of views.values()) {
    for (const event of withIds) stored.set(event.id, { stream: event.stream, type: event.type, data: serializeData(event.data), position: event.position });
  }
  return stored;
}
