import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '@bem/domain';
import { DuplicateEventId, type EventStore, type RecordedEvent } from '@bem/event-store';
import { CommandHandler } from './command-handler';
import type { StreamDecider } from './stream-decider';
import { stores } from './spec-support';

/** A toy decider: a tally that refuses to go above 3; each increment also writes an entry to an index stream. */
interface Tally {
  count: number;
}
const tally: StreamDecider<{ add: number; tag: string }, Tally> = {
  initialState: () => ({ count: 0 }),
  evolve: (state, event: RecordedEvent) => (event.type === 'Added' ? { count: state.count + (event.data as { add: number }).add } : state),
  lookups: () => [],
  decide: (command, state) => {
    if (state.count + command.add > 3) throw new DomainError('TOO_MANY', 'add', '超过上限', 'above the limit', {});
    const id = `${command.tag}-${state.count}`;
    return {
      events: [{ id: `added-${id}`, type: 'Added', data: { add: command.add } }],
      also: [
        { stream: 'tally-index', events: [{ id: `index-${id}-a`, type: 'Indexed', data: { id } }] },
        { stream: 'tally-index', events: [{ id: `index-${id}-b`, type: 'Indexed', data: { id } }] },
      ],
    };
  },
};

describe.each(Object.keys(stores))('a stream decider run by the command handler on the %s store', (kind) => {
  let store: EventStore;
  afterEach(async () => store?.close());
  const run = (handler: CommandHandler, add: number, tag = 't', dryRun = false) =>
    handler.handleWith(tally, { stream: 'tally-1', command: () => ({ add, tag }), metadata: { actor: 'tester', source: 'test' }, dryRun });

  it('appends the decision at the folded revision, its other stream in one write at that stream\'s revision', async () => {
    store = stores[kind]();
    const handler = new CommandHandler(store);
    const first = await run(handler, 1);
    expect(first).toMatchObject({ appended: true, revision: -1, state: { count: 0 } });
    const second = await run(handler, 1);
    expect(second).toMatchObject({ appended: true, revision: 0, state: { count: 1 } });
    expect((await store.readStream('tally-index')).map((event) => event.id)).toEqual(['index-t-0-a', 'index-t-0-b', 'index-t-1-a', 'index-t-1-b']);
    const [event] = await store.readStream('tally-1');
    expect(event.metadata).toMatchObject({ actor: 'tester', source: 'test' });
  });

  it('a dry run decides and appends nothing; a refusal is the decider\'s DomainError', async () => {
    store = stores[kind]();
    const handler = new CommandHandler(store);
    expect(await run(handler, 2, 't', true)).toMatchObject({ appended: false, decision: { events: [{ id: 'added-t-0' }] } });
    expect(await store.headPosition()).toBe(0);
    await expect(run(handler, 4)).rejects.toMatchObject({ code: 'TOO_MANY' });
  });

  it('two writers deciding on the same revision: the loser is decided again on what the winner stored', async () => {
    store = stores[kind]();
    const results = await Promise.all([run(new CommandHandler(store), 2, 'a'), run(new CommandHandler(store), 1, 'b')]);
    expect(results.map((result) => result.appended)).toEqual([true, true]);
    expect((await store.readStream('tally-1')).map((event) => event.revision)).toEqual([0, 1]);
    expect((await new CommandHandler(store).handleWith(tally, { stream: 'tally-1', command: () => ({ add: 0, tag: 'c' }), metadata: {}, dryRun: true })).state).toEqual({ count: 3 });
  });

  it('an id stored with another payload while no stream moved is a real duplicate: thrown, not retried', async () => {
    store = stores[kind]();
    await store.append('elsewhere', [{ id: 'added-t-0', type: 'Other', data: {} }]);
    await expect(run(new CommandHandler(store), 1)).rejects.toBeInstanceOf(DuplicateEventId);
  });
});
