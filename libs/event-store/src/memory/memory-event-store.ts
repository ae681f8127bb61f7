import { planAppend, type AppendView, type EventRow, type StoredFingerprint } from '../append-rules';
import { CatchUpSubscription } from '../catch-up-subscription';
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

interface StoredRow extends EventRow {
  position: number;
}

/**
 * In-process event store on arrays and maps, for tests and single-process use. Same semantics as
 * the sqlite adapter: data and metadata are kept as JSON text and parsed on every read, so callers
 * never share (or mutate) the stored objects and get exactly what sqlite would give back.
 */
export class MemoryEventStore extends EventStore {
  private readonly rows: StoredRow[] = [];
  private readonly byId = new Map<string, StoredRow>();
  private readonly streams = new Map<string, StoredRow[]>();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;

  private readonly view: AppendView = {
    lookup: (ids) => {
      const found = new Map<string, StoredFingerprint>();
      for (const id of ids) {
        const row = this.byId.get(id);
        if (row) found.set(id, row);
      }
      return found;
    },
    revision: (stream) => (this.streams.get(stream)?.length ?? 0) - 1,
  };

  override async append(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expectedRevision: options.expectedRevision }]);
    return result;
  }

  override async appendMany(writes: StreamWrite[]): Promise<AppendResult[]> {
    this.assertOpen();
    // planAppend throws before anything is inserted, and inserting cannot fail: all or nothing.
    const plan = planAppend(writes, this.view);
    let inserted = false;
    for (const { rows, result } of plan) {
      for (const row of rows) {
        const stored: StoredRow = { ...row, position: this.rows.length + 1 };
        this.rows.push(stored);
        this.byId.set(stored.id, stored);
        const streamRows = this.streams.get(stored.stream);
        if (streamRows) streamRows.push(stored);
        else this.streams.set(stored.stream, [stored]);
        result.position = stored.position;
        inserted = true;
      }
    }
    if (inserted) for (const subscription of this.subscriptions) subscription.notify();
    return plan.map((planned) => planned.result);
  }

  override async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const rows = this.streams.get(stream) ?? [];
    return rows.slice(Math.max(0, options.fromRevision ?? 0)).map(toRecorded);
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (!options.types) return this.readAfter(options.fromPosition ?? 0, options.limit);
    const types = new Set(options.types);
    const limit = options.limit ?? Infinity;
    const events: RecordedEvent[] = [];
    for (const row of this.rows.slice(Math.max(0, options.fromPosition ?? 0))) {
      if (events.length >= limit) break;
      if (types.has(row.type)) events.push(toRecorded(row));
    }
    return events;
  }

  /** Finds an id wherever it is stored (the id is indexed): the streams `where` names are not needed. */
  override async findEvents(ids: readonly string[], _where?: FindEventsWhere): Promise<Map<string, RecordedEvent>> {
    this.assertOpen();
    const found = new Map<string, RecordedEvent>();
    for (const id of ids) {
      const row = this.byId.get(id);
      if (row) found.set(id, toRecorded(row));
    }
    return found;
  }

  override async streamRevision(stream: string): Promise<number> {
    this.assertOpen();
    return this.view.revision(stream);
  }

  override async headPosition(): Promise<number> {
    this.assertOpen();
    return this.rows.length;
  }

  override subscribe(handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(
      { readAfter: (from, limit) => this.readAfter(from, limit), head: () => this.rows.length },
      handler,
      { ...options, onEnd: (ended) => this.subscriptions.delete(ended) },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  override async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  private readAfter(fromPosition: number, limit?: number): RecordedEvent[] {
    const start = Math.max(0, fromPosition);
    const end = limit === undefined ? undefined : start + Math.max(0, limit);
    return this.rows.slice(start, end).map(toRecorded);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

function toRecorded(row: StoredRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recordedAt,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  };
}
