import type { AllStreamResolvedEvent, Filter, KurrentDBClient, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { planAppend, serializeData, validateWrites, type StoredFingerprint } from '../append-rules';
import { EventStore } from '../event-store';
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
import { EventIdIndex } from './event-id-index';
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

/** How many events are fetched at once by `findEvents`. */
const FETCH_CONCURRENCY = 32;

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
 * - idempotency by event id: recognised here (`planAppend` + an id index over $all), not only by the
 *   server, whose own idempotency check only covers a retry at the same expected revision.
 */
export class KurrentDbEventStore extends EventStore {
  private readonly namespace: string;
  private readonly filter: Filter;
  private readonly ids: EventIdIndex;
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
    this.ids = new EventIdIndex((from, limit) => this.readAll({ fromPosition: from, limit }));
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
    const [stored, revisions] = await Promise.all([this.fingerprints(ids), this.revisions(writes)]);
    const plan = planAppend(writes, { lookup: () => stored, revision: (stream) => revisions.get(stream) ?? -1 }, now);

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

  override async findEvents(ids: readonly string[]): Promise<Map<string, RecordedEvent>> {
    this.assertOpen();
    await this.ids.catchUp();
    const known = [...new Set(ids)].filter((id) => this.ids.get(id));
    const found = new Map<string, RecordedEvent>();
    for (let i = 0; i < known.length; i += FETCH_CONCURRENCY) {
      const events = await Promise.all(known.slice(i, i + FETCH_CONCURRENCY).map((id) => this.fetch(id)));
      for (const event of events) if (event) found.set(event.id, event);
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

  /** Stored fingerprints of the given ids (as `planAppend` compares them): stream, type and data as JSON text. */
  private async fingerprints(ids: readonly string[]): Promise<Map<string, StoredFingerprint>> {
    const stored = new Map<string, StoredFingerprint>();
    if (ids.length === 0) return stored;
    for (const [id, event] of await this.findEvents(ids)) {
      stored.set(id, { stream: event.stream, type: event.type, data: serializeData(event.data), position: event.position });
    }
    return stored;
  }

  private async revisions(writes: readonly StreamWrite[]): Promise<Map<string, number>> {
    const streams = [...new Set(writes.map((write) => write.stream))];
    return new Map(await Promise.all(streams.map(async (stream) => [stream, await this.streamRevision(stream)] as const)));
  }

  private async fetch(id: string): Promise<RecordedEvent | undefined> {
    const location = this.ids.get(id);
    if (!location) return undefined;
    const [event] = await this.collect(
      this.client.readStream(this.wire(location.stream), { fromRevision: BigInt(location.revision), maxCount: 1 }),
      location.stream,
    );
    return event?.id === id ? event : undefined;
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
