import { type DomainEvent, EVENT_SCHEMAS, type EventType, isDomainEventType } from './events';

/**
 * Reading stored events: every event is parsed with its schema (events.ts), never cast. An event stored under an
 * older schema version (metadata.schemaVersion; absent = 1) is upcast step by step first. An event that does not
 * parse is a loud error naming its stream and revision: the log is the record, and nothing reads around it.
 */
export const CURRENT_SCHEMA_VERSION: Partial<Record<EventType, number>> = {};
export const schemaVersionOf = (type: EventType): number => CURRENT_SCHEMA_VERSION[type] ?? 1;

/** From version n to n + 1 of an event type's data. None yet: the seam for the first change of shape. */
export type Upcaster = (data: unknown) => unknown;
const UPCASTERS: Partial<Record<EventType, Record<number, Upcaster>>> = {};

/** The slice of a stored event parsing needs (structural: the domain knows no event store). */
export interface StoredEventInput {
  type: string;
  data: unknown;
  streamId?: string;
  stream?: string;
  revision?: number;
  /** global position, named when the stream is not known */
  position?: number;
  metadata?: { schemaVersion?: number } | Record<string, unknown>;
}

export class StoredEventInvalid extends Error {
  constructor(
    readonly stream: string,
    readonly revision: number | null,
    readonly eventType: string,
    readonly issues: string[],
  ) {
    super(`存储事件无法解析 / stored event does not parse: ${stream}@${revision ?? '?'} ${eventType}: ${issues.join('; ')}`);
    this.name = 'StoredEventInvalid';
  }
}

function upcast(type: EventType, version: number, data: unknown): unknown {
  let current = data;
  for (let v = version; v < schemaVersionOf(type); v++) {
    const step = UPCASTERS[type]?.[v];
    if (!step) throw new Error(`no upcaster for ${type} v${v}`);
    current = step(current);
  }
  return current;
}

/** The error for a stored event that does not parse: where it is (stream, else position) and every issue. */
export function storedEventInvalid(event: StoredEventInput, issues: readonly { path: PropertyKey[]; message: string }[] | string[]): StoredEventInvalid {
  const where = event.streamId ?? event.stream ?? (event.position === undefined ? '?' : `position ${event.position}`);
  const texts = issues.map((issue) => (typeof issue === 'string' ? issue : `${issue.path.join('.') || '(data)'}: ${issue.message}`));
  return new StoredEventInvalid(where, event.revision ?? null, event.type, texts);
}

/** A stored domain event as its parsed, current-version DomainEvent (throws StoredEventInvalid). */
export function parseStoredEvent(event: StoredEventInput): DomainEvent {
  if (!isDomainEventType(event.type)) throw storedEventInvalid(event, ['未知事件类型 / unknown event type']);
  const version = Number((event.metadata as { schemaVersion?: number } | undefined)?.schemaVersion ?? 1);
  const parsed = EVENT_SCHEMAS[event.type].safeParse(upcast(event.type, version, event.data));
  if (!parsed.success) {
    throw storedEventInvalid(event, parsed.error.issues);
  }
  return { type: event.type, data: parsed.data } as DomainEvent;
}

/** Parses the domain events among stored ones (other types, e.g. monitoring or token events, are skipped). */
export function parseDomainEvents<E extends StoredEventInput>(events: Iterable<E>): (DomainEvent & Omit<E, 'type' | 'data'>)[] {
  const parsed: (DomainEvent & Omit<E, 'type' | 'data'>)[] = [];
  for (const event of events) if (isDomainEventType(event.type)) parsed.push({ ...event, ...parseStoredEvent(event) });
  return parsed;
}
