import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import { CommandHandler } from './command-handler';
import { command, payment, setup, stores } from './spec-support';

describe.each(Object.keys(stores))('generic command handler on the %s store', (kind) => {
  let store: EventStore;
  afterEach(async () => store?.close());
  const open = async () => {
    store = stores[kind]();
    const handler = new CommandHandler(store);
    await handler.handleBatch(setup);
    return handler;
  };

  it('appends the decided events with the next revision of the stream', async () => {
    const handler = await open();
    const outcome = await handler.handle(payment('c4'), { actor: 'clerk-1', source: 'test' });
    expect(outcome).toMatchObject({ status: 'appended', stream: 'project-p1', revision: 2 });
    const [event] = await store.readStream('project-p1', { fromRevision: 2 });
    expect(event).toMatchObject({ type: 'PaymentMade', id: outcome.eventIds[0], data: { amount: '10.00' } });
    expect(event.metadata).toMatchObject({ actor: 'clerk-1', source: 'test', commandId: 'c4', causationId: 'c4' });
  });

  it('treats the same command id with the same content as a no-op returning the original result', async () => {
    const handler = await open();
    const first = await handler.handle(payment('c4'));
    const again = await handler.handle(payment('c4'));
    expect(again).toMatchObject({ status: 'duplicate', eventIds: first.eventIds, revision: first.revision, position: first.position });
    expect(await store.headPosition()).toBe(first.position);
  });

  it('refuses the same command id with different content', async () => {
    const handler = await open();
    await handler.handle(payment('c4', '10.00'));
    await expect(handler.handle(payment('c4', '11.00'))).rejects.toMatchObject({ code: 'COMMAND_ID_CONFLICT', field: 'id' });
  });

  it('appends nothing of a batch in which one command is rejected', async () => {
    const handler = await open();
    const head = await store.headPosition();
    const result = await handler.handleBatch([payment('c4', '50.00'), payment('c5', '60.00'), payment('c6', '1.00')]);
    expect(result.appended).toBe(false);
    expect(result.rejected.map((r) => [r.index, r.error.code])).toEqual([[1, 'EXCEEDS_AVAILABLE_BUDGET']]);
    expect(await store.headPosition()).toBe(head);
  });

  it('a dry run decides everything and appends nothing', async () => {
    const handler = await open();
    const head = await store.headPosition();
    const result = await handler.handleBatch([payment('c4')], { dryRun: true });
    expect(result).toMatchObject({ appended: false, rejected: [] });
    expect(result.outcomes[0]).toMatchObject({ status: 'appended', revision: 2 });
    expect(await store.headPosition()).toBe(head);
  });

  it('keeps folded states between commands: a command reads only what was appended since, even by another writer', async () => {
    const handler = await open();
    const other = new CommandHandler(store);
    await handler.handle(payment('c4', '10.00'));
    await other.handle(payment('c5', '20.00'));
    const read: number[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = async (stream, options) => {
      const events = await readStream(stream, options);
      read.push(events.length);
      return events;
    };
    await handler.handle(payment('c6', '70.00'));
    expect(read).toEqual([1]); // only c5's payment, appended by the other handler
    await expect(handler.handle(payment('c7', '0.01'))).rejects.toMatchObject({ code: 'EXCEEDS_AVAILABLE_BUDGET' });
    expect(read).toEqual([1, 0]);
  });

  it('retries on a revision conflict: concurrent writers never overspend', async () => {
    const handler = await open();
    const other = new CommandHandler(store);
    const attempts = Array.from({ length: 16 }, (_, i) => (i % 2 ? handler : other).handle(payment(`race-${i}`, '10.00')));
    const settled = await Promise.allSettled(attempts);
    const accepted = settled.filter((s) => s.status === 'fulfilled');
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(accepted).toHaveLength(10);
    expect(refused.every((r) => r.reason instanceof DomainError && r.reason.code === 'EXCEEDS_AVAILABLE_BUDGET')).toBe(true);
    const events = await store.readStream('project-p1');
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.type === 'PaymentMade')).toHaveLength(10);
  });
});
