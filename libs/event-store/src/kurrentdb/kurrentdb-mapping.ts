import type {
  AllStreamResolvedEvent,
  AppendStreamState,
  CurrentStreamState,
  EventData,
  JSONType,
  Position,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { WrongExpectedRevision } from '../errors';
import { kurrentClient } from './kurrentdb-client';
import type { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent } from '../types';

/**
 * Pure translations between our port (architecture §3) and @kurrent/kurrentdb-client. No I/O here, so
 * every rule is unit-tested against the client's own types and error classes without a server.
 *
 * Positions. KurrentDB addresses $all by a pair {commit, prepare} of byte offsets in its transaction
 * log. For every event written through gRPC (one "committed prepare" per event) both halves are the
 * event's own log offset, so `commit` alone identifies it and orders $all; our `position` is that
 * commit offset as a JS number. Consequences:
 * - positions increase but have gaps (they are byte offsets, not 1, 2, 3 …);
 * - a number is exact below 2^53 bytes (8 PiB) of log: beyond that `toOurPosition` throws rather
 *   than round (a read model would silently skip events);
 * - an event with commit ≠ prepare (explicit transactions of the legacy TCP API) cannot be named by
 *   one number: `toOurPosition` refuses it instead of collapsing several events onto one position.
 * An append result's `position.commit` is the offset of the last event written (its `prepare` is the
 * first one's), which is what our `AppendResult.position` means.
 */

/** Key under which our `recordedAt` travels in the KurrentDB metadata (removed again when read). */
export const RECORDED_AT_KEY = '$recordedAt';

/** Our expected revision -> the client's stream state. Every check stays a check: only `any` maps to ANY. */
export function toStreamState(expected: ExpectedRevision = 'any'): AppendStreamState {
  const { ANY, NO_STREAM, STREAM_EXISTS } = kurrentClient();
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isInteger(expected) || expected < -1) throw new TypeError(`invalid expectedRevision ${String(expected)}`);
      // -1 is our spelling of "no event yet": KurrentDB has no revision -1, it has NO_STREAM.
      return expected === -1 ? NO_STREAM : BigInt(expected);
  }
}

/** The client's current stream state -> our revision (-1: no stream). */
export function fromCurrentState(state: CurrentStreamState): number {
  // Deleted (-5) and tombstoned (-6) streams have no events either.
  return state === kurrentClient().NO_STREAM || state < 0n ? -1 : toSafeNumber(state, 'stream revision');
}

/** The client's stream state in an error -> our expected revision (for messages and `WrongExpectedRevision.expected`). */
export function fromStreamState(state: AppendStreamState): ExpectedRevision {
  return typeof state === 'bigint' ? toSafeNumber(state, 'stream revision') : state;
}

/**
 * A client error -> ours when there is one; anything else (unavailable, access denied …) is returned
 * unchanged, so callers see the real cause. `stream` and `expected` are what we asked for: KurrentDB
 * reports the stream under its wire name (with a namespace) and may spell the expectation differently.
 */
export function toEventStoreError(error: unknown, stream: string, expected: ExpectedRevision): unknown {
  if (error instanceof kurrentClient().WrongExpectedVersionError) {
    return new WrongExpectedRevision(stream, expected, fromCurrentState(error.actualState));
  }
  return error;
}

/** True for the client's "this stream has no events" (reading a stream that was never written). */
export const isStreamNotFound = (error: unknown): boolean => error instanceof kurrentClient().StreamNotFoundError;

/** Our new event -> the client's JSON event, with our id (idempotent retries) and our recordedAt in the metadata. */
export function toEventData(event: NewEvent, recordedAt: string): EventData {
  const metadata: Record<string, unknown> = { ...(event.metadata ?? {}), [RECORDED_AT_KEY]: event.recordedAt ?? recordedAt };
  return kurrentClient().jsonEvent({
    id: event.id,
    type: event.type,
    // The client sends JSON.stringify(data); `undefined` is stored as null, like the other adapters.
    data: (event.data ?? null) as JSONType,
    metadata,
  });
}

/** {commit, prepare} -> our position; see the module comment for why commit alone is enough, and when it is refused. */
export function toOurPosition(position: Position): number {
  if (position.commit !== position.prepare) {
    throw new RangeError(
      `KurrentDB 位置 ${position.commit}/${position.prepare} 不能用一个数表示 / position C:${position.commit}/P:${position.prepare} ` +
        'belongs to an explicit transaction (legacy TCP API): it cannot be mapped to one number',
    );
  }
  return toSafeNumber(position.commit, 'commit position');
}

/** Our position -> the client's, for reads and subscriptions. */
export function toClientPosition(position: number): Position {
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`position must be a safe integer >= 0 (got ${position})`);
  return { commit: BigInt(position), prepare: BigInt(position) };
}

/** A bigint from the client as a number, refusing any value a double cannot hold exactly. */
export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(
      `KurrentDB ${what} ${value} 超出 JS 安全整数 / is beyond 2^53-1: it cannot be held in a JS number without rounding ` +
        '(a commit position this large means more than 8 PiB of log)',
    );
  }
  return Number(value);
}

/**
 * A resolved event from the client -> our envelope. `stream` is our name for it (the caller strips any
 * namespace). Refuses links and non-JSON events: the adapter never writes them, so one here means the
 * read picked up something that is not ours.
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent, stream: string): RecordedEvent {
  const event = resolved.event;
  if (!event || resolved.link) throw new Error(`KurrentDB 返回了链接事件 / unexpected link event in stream ${stream}`);
  if (!event.isJson) throw new Error(`KurrentDB 事件不是 JSON / event ${event.id} in ${stream} is not JSON: not written by this adapter`);
  if (!event.position) {
    throw new Error(`KurrentDB 未返回事件位置 / the server gave no position for event ${event.id}: KurrentDB/EventStoreDB 22.6 or later is required`);
  }
  const { [RECORDED_AT_KEY]: recordedAt, ...metadata } = (isObject(event.metadata) ? event.metadata : {}) as Record<string, unknown>;
  return {
    id: event.id,
    type: event.type,
    stream,
    revision: toSafeNumber(event.revision, 'stream revision'),
    position: toOurPosition(event.position),
    recordedAt: typeof recordedAt === 'string' ? recordedAt : event.created.toISOString(),
    data: event.data as unknown,
    metadata: metadata as EventMetadata,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
