import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryEventStore, SqliteEventStore } from '@bem/event-store';
import { EventSourcedTokenStore, SqliteTokenStore, TOKEN_STREAM, hashToken, tokenStoreFor } from './token-store';

describe('tokens kept as events (stores without a sqlite file, e.g. KurrentDB)', () => {
  it('a token issued by one instance is verified by another; only its hash is stored', async () => {
    const store = new MemoryEventStore();
    const first = new EventSourcedTokenStore(store);
    const second = new EventSourcedTokenStore(store);
    const token = await first.create({ role: 'clerk', departments: ['d1', 'd2'], label: '财务科' });
    expect(await second.verify(token)).toEqual({ role: 'clerk', departments: ['d1', 'd2'], label: '财务科' });
    expect(await second.verify(`${token}x`)).toBeNull();
    const admin = await second.create({ role: 'admin', departments: '*' });
    expect(await first.verify(admin)).toMatchObject({ role: 'admin', departments: '*' });
    expect(await first.count()).toBe(2);
    const stored = JSON.stringify(await store.readStream(TOKEN_STREAM));
    expect(stored).not.toContain(token);
    expect(stored).toContain(hashToken(token));
  });

  it('is what tokenStoreFor picks for a non-sqlite store; sqlite keeps its table', () => {
    expect(tokenStoreFor(new MemoryEventStore())).toBeInstanceOf(EventSourcedTokenStore);
    const sqlite = SqliteEventStore.open(join(mkdtempSync(join(tmpdir(), 'bem-auth-')), 'bem.sqlite'));
    expect(tokenStoreFor(sqlite)).toBeInstanceOf(SqliteTokenStore);
    void sqlite.close();
  });
});
