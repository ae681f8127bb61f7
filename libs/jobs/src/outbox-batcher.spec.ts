import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AlertOutbox } from './alert-outbox';
import { OutboxBatcher } from './outbox-batcher';

describe('outbox bookkeeping, batched', () => {
  it('commits a turn of bookkeeping and leaves the shared connection at synchronous = FULL for the events', async () => {
    const db = new Database(':memory:');
    db.pragma('synchronous = FULL');
    const outbox = new AlertOutbox(db);
    outbox.record([{ alertId: 'a-1', channel: 'webhook', payload: '{"id":"a-1"}' }], 'alerts', 7);
    const batcher = new OutboxBatcher(outbox);
    const [claimed] = await Promise.all([batcher.claim('a-1', 'webhook'), batcher.addToInbox('a-1', 'dep', 2020, '{"id":"a-1"}')]);
    expect(claimed).toEqual({ claim: 'claimed', payload: '{"id":"a-1"}' });
    await batcher.delivered('a-1', 'webhook');
    expect(outbox.counts()).toMatchObject({ delivered: 1 });
    expect(outbox.inbox('dep', 2020)).toHaveLength(1);
    expect(outbox.position('alerts')).toBe(7);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });
});
