import { describe, expect, it } from 'vitest';
import { describeEventStoreContract } from '../event-store.contract';
import { MemoryEventStore, openEventStore } from '../index';
import { KurrentDbEventStore } from '../kurrentdb/kurrentdb-event-store';

describeEventStoreContract('memory', async () => new MemoryEventStore());

describe('openEventStore', () => {
  it('opens a memory store for "memory" and "memory:"', async () => {
    for (const spec of ['memory', 'memory:', ' memory ']) {
      const store = openEventStore(spec);
      expect(store).toBeInstanceOf(MemoryEventStore);
      await store.close();
    }
  });

  it('opens the KurrentDB adapter for kurrentdb:// and esdb:// URLs, lazily (no server is reached until the first call)', async () => {
    for (const url of ['kurrentdb://admin:secret@localhost:2113?tls=false', 'esdb://localhost:2113?tls=false']) {
      const store = openEventStore(url);
      expect(store).toBeInstanceOf(KurrentDbEventStore);
      await store.close();
    }
  });

  it('refuses an empty spec', () => {
    expect(() => openEventStore('sqlite:')).toThrow(/empty event store spec/);
  });
});
