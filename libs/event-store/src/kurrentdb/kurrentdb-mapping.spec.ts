import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { WrongExpectedRevision } from '../errors';
import {
  RECORDED_AT_KEY,
  fromCurrentState,
  isStreamNotFound,
  toClientPosition,
  toEventData,
  toEventStoreError,
  toOurPosition,
  toRecordedEvent,
  toStreamState,
} from './kurrentdb-mapping';

/** A JSON event as the client hands it over from a read of $all. */
function resolved(overrides: Partial<NonNullable<AllStreamResolvedEvent['event']>> = {}): AllStreamResolvedEvent {
  return {
    event: {
      streamId: 'project-kf-2020-gfyl',
      id: '0b6c6f1e-1c7a-4a55-9f0e-3d1d2b8e4a11',
      isJson: true,
      revision: 4n,
      type: 'PaymentMade',
      created: new Date('2024-05-01T02:03:04.005Z'),
      data: { projectId: 'kf-2020-gfyl', amount: '350000.00' },
      metadata: { actor: 'zhang.san', [RECORDED_AT_KEY]: '2020-03-15T08:00:00.000Z' },
      position: { commit: 123_456n, prepare: 123_456n },
      ...overrides,
    } as NonNullable<AllStreamResolvedEvent['event']>,
    commitPosition: 123_456n,
  };
}

describe('expected revision -> stream state', () => {
  it('keeps every check a check: only "any" becomes ANY', () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState(undefined)).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });

  it('maps our -1 ("no event yet") to NO_STREAM, and refuses what is not a revision', () => {
    expect(toStreamState(-1)).toBe(NO_STREAM);
    expect(() => toStreamState(-2)).toThrow(TypeError);
    expect(() => toStreamState(1.5)).toThrow(TypeError);
  });
});

describe('client errors -> ours', () => {
  it('turns WrongExpectedVersionError into WrongExpectedRevision with our stream name and expectation', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'ns-1-project-a', expected: 2n, current: 5n });
    const mapped = toEventStoreError(error, 'project-a', 2);
    expect(mapped).toBeInstanceOf(WrongExpectedRevision);
    expect(mapped).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', stream: 'project-a', expected: 2, actual: 5 });
  });

  it('reads "no stream" (and deleted streams) as revision -1', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 's', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(toEventStoreError(error, 's', 'stream_exists')).toMatchObject({ expected: 'stream_exists', actual: -1 });
    expect(fromCurrentState(-5n)).toBe(-1);
    expect(fromCurrentState(7n)).toBe(7);
  });

  it('passes every other error through unchanged, so the real cause is seen', () => {
    const unavailable = new UnavailableError(undefined, 'connection refused');
    expect(toEventStoreError(unavailable, 's', 0)).toBe(unavailable);
    const plain = new Error('boom');
    expect(toEventStoreError(plain, 's', 'any')).toBe(plain);
  });

  it('recognises "stream not found" (a stream never written reads as empty)', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'project-x'))).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
  });
});

describe('new event -> client event', () => {
  it('keeps our id, type and data, and carries recordedAt in the metadata', () => {
    const data = toEventData(
      { id: '5d2b4a9e-0f3c-4d8e-9a71-2c4b6d8e0f12', type: 'BudgetIssued', data: { amount: '100.00' }, metadata: { actor: 'a' } },
      '2024-01-01T00:00:00.000Z',
    );
    expect(data).toEqual({
      id: '5d2b4a9e-0f3c-4d8e-9a71-2c4b6d8e0f12',
      contentType: 'application/json',
      type: 'BudgetIssued',
      data: { amount: '100.00' },
      metadata: { actor: 'a', [RECORDED_AT_KEY]: '2024-01-01T00:00:00.000Z' },
    });
  });

  it("prefers the event's own recordedAt (imports of booked history) and stores undefined data as null", () => {
    const data = toEventData({ id: 'e', type: 'T', data: undefined, recordedAt: '2020-01-10T00:00:00.000Z' }, '2024-01-01T00:00:00.000Z');
    expect(data.data).toBeNull();
    expect(data.metadata).toEqual({ [RECORDED_AT_KEY]: '2020-01-10T00:00:00.000Z' });
  });
});

describe('resolved event -> RecordedEvent', () => {
  it('builds our envelope: numbers for revision and position, recordedAt out of the metadata', () => {
    expect(toRecordedEvent(resolved(), 'project-kf-2020-gfyl')).toEqual({
      id: '0b6c6f1e-1c7a-4a55-9f0e-3d1d2b8e4a11',
      type: 'PaymentMade',
      stream: 'project-kf-2020-gfyl',
      revision: 4,
      position: 123_456,
      recordedAt: '2020-03-15T08:00:00.000Z',
      data: { projectId: 'kf-2020-gfyl', amount: '350000.00' },
      metadata: { actor: 'zhang.san' },
    });
  });

  it('falls back to the server time when the event was not written by this adapter', () => {
    const event = toRecordedEvent(resolved({ metadata: undefined }), 's');
    expect(event.recordedAt).toBe('2024-05-01T02:03:04.005Z');
    expect(event.metadata).toEqual({});
  });

  it('works for a stream read too (ResolvedEvent, position present on servers >= 22.6)', () => {
    const fromStream: ResolvedEvent = { event: resolved().event as ResolvedEvent['event'] };
    expect(toRecordedEvent(fromStream, 'p').position).toBe(123_456);
    const old: ResolvedEvent = { event: { ...(resolved().event as NonNullable<ResolvedEvent['event']>), position: undefined } as ResolvedEvent['event'] };
    expect(() => toRecordedEvent(old, 'p')).toThrow(/22\.6 or later/);
  });

  it('refuses links and binary events: the adapter never writes them', () => {
    const link = { ...resolved(), link: resolved().event } as unknown as AllStreamResolvedEvent;
    expect(() => toRecordedEvent(link, 's')).toThrow(/link/);
    expect(() => toRecordedEvent(resolved({ isJson: false, data: new Uint8Array([1]) } as never), 's')).toThrow(/not JSON/);
  });
});

describe('positions', () => {
  it('our position is the commit position; reads start at {commit, prepare} = position', () => {
    expect(toOurPosition({ commit: 0n, prepare: 0n })).toBe(0);
    expect(toOurPosition({ commit: 987_654_321n, prepare: 987_654_321n })).toBe(987_654_321);
    expect(toClientPosition(987_654_321)).toEqual({ commit: 987_654_321n, prepare: 987_654_321n });
  });

  it('is exact up to 2^53 - 1 and refuses beyond, instead of rounding', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(toOurPosition({ commit: max, prepare: max })).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toOurPosition({ commit: max + 1n, prepare: max + 1n })).toThrow(/2\^53/);
    expect(() => toClientPosition(2 ** 53)).toThrow(RangeError);
    expect(() => toClientPosition(-1)).toThrow(RangeError);
  });

  it('refuses a position of a legacy explicit transaction (commit ≠ prepare): one number cannot name it', () => {
    expect(() => toOurPosition({ commit: 500n, prepare: 420n })).toThrow(/explicit transaction/);
  });
});
