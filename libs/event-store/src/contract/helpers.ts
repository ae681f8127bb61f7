import { v4 as uuidv4 } from 'uuid';
import { afterEach, beforeEach } from 'vitest';
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
