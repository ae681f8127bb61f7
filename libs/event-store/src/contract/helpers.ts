import { v4 as uuidv4 } from 'uuid';
import { afterEach, beforeEach, expect } from 'vitest';
import type { EventStore } from '../event-store';
import type { NewEvent } from '../types';

export type MakeStore = () => Promise<EventStore>;

/** A fresh store per test, closed after it. Returns the accessor for the current test's store. */
export function useStore(makeStore: MakeStore): () => EventStore {
  let store: EventStore | undefined;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (!store) throw new Error('no store: useStore() only works inside a test');
    return store;
  };
}

export const newEvent = (type = 'Tested', data: unknown = {}, extra: Partial<NewEvent> = {}): NewEvent => ({
  id: uuidv4(),
  type,
  data,
  ...extra,
});

/** `count` events numbered from `from` in their data. */
export const newEvents = (count: number, type = 'Counted', from = 0): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { n: from + i }));

/** The error a promise rejects with; fails the test if it resolves. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, it resolved');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** 1, 2, ..., n */
export const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** What an adapter promises beyond the port's minimum. */
export interface ContractOptions {
  /**
   * Positions are 1, 2, 3 … without gaps (sqlite, memory). KurrentDB positions are log offsets: they
   * increase but jump; the suite then checks order and identity of positions, never their values.
   */
  densePositions?: boolean;
  /** The adapter offers `withinTransaction` (sqlite, postgres); the suite checks it is absent otherwise. */
  transactions?: boolean;
  /** The adapter gives a `replaySource()` for parallel range reads (sqlite file, postgres). */
  replay?: boolean;
  /** The adapter exposes the log's own SQLite database as `companionDatabase` (sqlite). */
  companionDatabase?: boolean;
  /**
   * Default true: an id is unique across streams (sqlite, memory, postgres index every id): a stored id appended to
   * another stream is refused, and `findEvents` finds an id wherever it is. False on kurrentdb, which has no lookup
   * by id: ids are checked in the streams a call writes, and `findEvents` looks only in the streams it is given.
   */
  idsAcrossStreams?: boolean;
}

/**
 * Position checks that hold for every adapter: `rank(p)` is the 1-based place of position `p` in
 * `readAll()` (so `rank` is the position itself on a dense store), and `expectAscending` checks a list
 * of positions increases — and, on a dense store, that it is exactly 1..n.
 */
export function positionChecks(store: () => EventStore, options: ContractOptions) {
  const dense = options.densePositions ?? true;
  const all = async (): Promise<number[]> => (await store().readAll()).map((event) => event.position);
  return {
    dense,
    /** Every stored position, in order. */
    all,
    async rank(position: number): Promise<number> {
      const index = (await all()).indexOf(position);
      if (index < 0) throw new Error(`position ${position} is not the position of any stored event`);
      if (dense) expect(position).toBe(index + 1);
      return index + 1;
    },
    /** Rank of the head position; 0 on an empty store. */
    async headRank(): Promise<number> {
      const head = await store().headPosition();
      if (head === 0) return 0;
      const positions = await all();
      expect(head).toBe(positions[positions.length - 1]);
      return positions.length;
    },
    expectAscending(positions: readonly number[], count: number): void {
      expect(positions).toHaveLength(count);
      for (let i = 1; i < positions.length; i += 1) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
      if (dense) expect(positions).toEqual(oneTo(count));
    },
  };
}
