import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AlertOutbox } from './alert-outbox';
import { OutboxBatcher } from './outbox-batcher';

describe('outbox bookkeeping, batched', () => {
  it('commits a turn of bookkeeping and leaves the shared connection at synchronous = FULL for the events', async () => {
    const db = new Database(':memory:');
    db.pragma('synchronous = FULL');
    const outbox = new AlertOutbox(db);
    outbox.record([{ alertId: 'a-1', channel: 'webhook', payload: '{"id":"a-1"}' }], 'alerts', 7, [{ alertId: 'a-1', departmentCode: 'dep', fiscalYear: 2020, payload: '{"id":"a-1"}' }]);
    const batcher = new OutboxBatcher(outbox);
    const [claimed, again] = await Promise.all([batcher.claim('a-1', 'webhook'), batcher.claim('a-1', 'webhook')]);
    expect(claimed).toEqual({ claim: 'claimed', payload: '{"id":"a-1"}' });
    expect(again).toEqual({ claim: 'in-flight' });
    await batcher.delivered('a-1', 'webhook');
    expect(outbox.counts()).toEqual({ delivered: 1 });
    expect(outbox.inbox('dep', 2020)).toEqual([{ id: 'a-1' }]);
    expect(outbox.position('alerts')).toBe(7);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });
});

describe('the in-app inbox, recorded with the feed position', () => {
  it('delivers inbox rows an older worker left pending in the outbox once, when the outbox opens', () => {
    const db = new Database(':memory:');
    const outbox = new AlertOutbox(db);
    const payload = (n: number) => JSON.stringify({ alertId: `a-${n}`, departmentCode: 'dep', fiscalYear: 2020 });
    // As a worker before this change recorded them: one outbox row per channel, the inbox too
    outbox.record([1, 2].flatMap((n) => [{ alertId: `a-${n}`, channel: 'inbox' as const, payload: payload(n) }, { alertId: `a-${n}`, channel: 'webhook' as const, payload: payload(n) }]), 'alerts', 3);
    db.prepare("UPDATE alert_outbox SET status = 'delivered' WHERE alert_id = 'a-1' AND channel = 'inbox'").run();
    db.prepare("INSERT INTO alert_inbox VALUES ('a-1', 'dep', 2020, ?, '2020-07-01T00:00:00.000Z')").run(payload(1));
    const reopened = new AlertOutbox(db);
    expect(reopened.inbox('dep', 2020)).toEqual([JSON.parse(payload(1)), JSON.parse(payload(2))]);
    expect(reopened.counts()).toEqual({ delivered: 2, pending: 2 });
    expect(reopened.pending().map((row) => [row.alertId, row.channel])).toEqual([['a-1', 'webhook'], ['a-2', 'webhook']]);
    new AlertOutbox(db);
    expect(reopened.inbox('dep', 2020)).toHaveLength(2);
  });
});
