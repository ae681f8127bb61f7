/** Who did what, and why: carried by every stored event. */
export interface EventMetadata {
  actor?: string;
  correlationId?: string;
  causationId?: string;
  source?: string;
  [key: string]: unknown;
}

/** An event as handed to `append`: the caller chooses the UUID `id`. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
  /** ISO instant; defaults to the time of append. Only imports of already-booked history set it. */
  recordedAt?: string;
}

/** The stored envelope (architecture §3). Revisions are 0-based per stream, positions 1-based and global. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  stream: string;
  revision: number;
  position: number;
  recordedAt: string;
  data: Data;
  metadata: EventMetadata;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  stream: string;
  /** Revision of the stream's last event after the append (-1 if the stream is still empty). */
  nextRevision: number;
  /** Global position of the last event written, or of the last already-stored event on an idempotent retry. */
  position: number;
  eventIds: string[];
  /** False when every event was already stored (idempotent retry): nothing was written. */
  written: boolean;
}

export interface StreamWrite {
  stream: string;
  events: NewEvent[];
  expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  fromRevision?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with position > fromPosition. Default 0 (from the start). */
  fromPosition?: number;
  /** At most this many events. */
  limit?: number;
  /** Only events of these types (the limit counts those); all types when absent. */
  types?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive: deliver events with position > fromPosition. */
  fromPosition?: number;
  /** How many events per handler call at most (default 1000). */
  batchSize?: number;
}

export type SubscriptionHandler = (events: RecordedEvent[]) => void | Promise<void>;

export interface Subscription {
  /** Resolves once every event stored when it was called has been handled. */
  caughtUp(): Promise<void>;
  /** The position of the last event handled. */
  position(): number;
  stop(): Promise<void>;
}
