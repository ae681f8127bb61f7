import { describe, expect, it } from 'vitest';
import { describeEventStoreContract } from '../event-store.contract';
import { MemoryEventStore, openEventStore } from '../index';

describeEventStoreContract('memory', async () => new MemoryEventStore());

describe('openEventStore', () => {
  it('opens a memory store for "memory" and "memory:"', async () => {
    for (const spec of ['memory', 'memory:', ' memory ']) {
      const store = openEventStore(spec);
      expect(store).toBeInstanceOf(MemoryEventStore);
      await store.close();
    }
  });

  it('refuses kurrentdb:// with a clear message, without echoing the connection string', () => {
    let message = '';
    try {
      openEventStore('kurrentdb://admin:secret@localhost:2113?tls=false');
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(/KurrentDB.*not built yet/);
    expect(message).not.toContain('secret');
  });

  it('refuses an empty spec', () => {
    expect(() => openEventStore('sqlite:')).toThrow(/empty event store spec/);
  });
});
