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

describe.each([
  ['sqlite', () => new SqliteTokenStore(SqliteEventStore.open(join(mkdtempSync(join(tmpdir(), 'bem-auth-')), 'bem.sqlite')).db)],
  ['events', () => new EventSourcedTokenStore(new MemoryEventStore())],
])('token expiry and revocation (%s)', (_name, open) => {
  it('refuses an expired token, lists it with its instants, never with the token or hash', async () => {
    const tokens = open();
    const now = new Date('2026-01-01T00:00:00Z');
    const token = await tokens.create({ role: 'clerk', departments: ['d1'], expiresAt: new Date('2026-01-08T00:00:00Z') }, now);
    expect(await tokens.verify(token, new Date('2026-01-07T23:59:59Z'))).toMatchObject({ role: 'clerk' });
    expect(await tokens.verify(token, new Date('2026-01-08T00:00:00Z'))).toBeNull();
    const [info] = await tokens.list();
    expect(info).toEqual({ id: expect.stringMatching(/^tok_[0-9a-f]{16}$/), role: 'clerk', departments: ['d1'], label: null, createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-08T00:00:00.000Z', revokedAt: null });
    expect(JSON.stringify(await tokens.list())).not.toContain(hashToken(token));
  });

  it('refuses a revoked token from then on; an unknown id revokes nothing', async () => {
    const tokens = open();
    const kept = await tokens.create({ role: 'admin', departments: '*' });
    const revoked = await tokens.create({ role: 'manager', departments: ['d1'] });
    const id = (await tokens.list()).find((info) => info.role === 'manager')!.id;
    expect(await tokens.revoke('tok_0000000000000000')).toBe(false);
    expect(await tokens.revoke(id, new Date('2026-02-01T00:00:00Z'))).toBe(true);
    expect(await tokens.verify(revoked)).toBeNull();
    expect(await tokens.verify(kept)).toMatchObject({ role: 'admin' });
    expect((await tokens.list()).find((info) => info.id === id)!.revokedAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('parses stored token events on read: a row that does not parse is a loud error naming the stream', async () => {
    const store = new MemoryEventStore();
    await store.append(TOKEN_STREAM, [{ id: '00000000-0000-4000-a000-000000000001', type: 'TokenIssued', data: { hash: 'h', role: 'root', departments: '*', created_at: '2020-01-01' }, metadata: {} }]);
    await expect(new EventSourcedTokenStore(store).count()).rejects.toThrow(/auth-tokens[\s\S]*role/);
  });
});
