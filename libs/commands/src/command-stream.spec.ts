import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerCommand } from '@bem/domain';
import { type EventStore, MemoryEventStore } from '@bem/event-store';
import { CommandHandler } from './command-handler';
import type { CommandChunk } from './command-stream';
import { command, payment, setup, stores } from './spec-support';

/** Chunks of `size` commands, refs = 1-based position in the whole input (like file lines). */
const chunked = (commands: LedgerCommand[], size: number, problemsAt: number[] = []) => () =>
  (async function* (): AsyncGenerator<CommandChunk> {
    for (let start = 0; start < commands.length; start += size) {
      const part = commands.slice(start, start + size);
      yield { commands: part, refs: part.map((_, i) => start + i + 1), problems: problemsAt.filter((at) => at === start / size).length };
    }
  })();

describe.each(Object.keys(stores))('handleStream (a long input chunk by chunk) on the %s store', (kind) => {
  let store: EventStore;
  afterEach(async () => store?.close());
  const open = () => {
    store = stores[kind]();
    return new CommandHandler(store);
  };

  it('appends every chunk, counting commands repeated across chunks as duplicates', async () => {
    const handler = open();
    const input = [...setup, payment('c4'), payment('c5'), payment('c4'), payment('c6')];
    const result = await handler.handleStream(chunked(input, 2));
    expect(result).toMatchObject({ committed: true, commands: 7, appended: 6, duplicates: 1, events: 6, rejected: [], problems: 0 });
    expect(await store.headPosition()).toBe(6);
    const again = await handler.handleStream(chunked(input, 3));
    expect(again).toMatchObject({ committed: true, appended: 0, duplicates: 7, events: 0 });
    expect(await store.headPosition()).toBe(6);
  });

  it('is all or nothing: a refusal in a later chunk appends nothing, and every refusal is reported with its ref', async () => {
    const handler = open();
    const input = [...setup, payment('c4', '60.00'), payment('c5', '50.00'), payment('c6', '1.00'), payment('c7', '45.00')];
    const result = await handler.handleStream(chunked(input, 2));
    expect(result.committed).toBe(false);
    expect(result.rejected.map(({ ref, error }) => [ref, error.code])).toEqual([
      [5, 'EXCEEDS_AVAILABLE_BUDGET'],
      [7, 'EXCEEDS_AVAILABLE_BUDGET'],
    ]);
    expect(await store.headPosition()).toBe(0);
  });

  it('a problem reported by a chunk (an unparseable line) appends nothing', async () => {
    const handler = open();
    const result = await handler.handleStream(chunked([...setup, payment('c4')], 2, [1]));
    expect(result).toMatchObject({ committed: false, problems: 1, rejected: [] });
    expect(await store.headPosition()).toBe(0);
  });

  it('the same command id with other content, in another chunk, is a COMMAND_ID_CONFLICT', async () => {
    const handler = open();
    const result = await handler.handleStream(chunked([...setup, payment('c4', '10.00'), payment('c4', '11.00')], 4));
    expect(result.rejected.map(({ ref, error }) => [ref, error.code])).toEqual([[5, 'COMMAND_ID_CONFLICT']]);
    expect(await store.headPosition()).toBe(0);
  });

  it('a dry run decides everything and appends nothing', async () => {
    const handler = open();
    const result = await handler.handleStream(chunked([...setup, payment('c4'), payment('c4')], 2), { dryRun: true });
    expect(result).toMatchObject({ committed: false, appended: 4, duplicates: 1, events: 4, rejected: [] });
    expect(await store.headPosition()).toBe(0);
  });

  it('keeps no folded state of a rolled-back input: later commands are decided on what is stored', async () => {
    const handler = open();
    await handler.handleBatch(setup);
    // 90.00 of the 100.00 budget paid in the first chunk, then a refused command: all of it rolled back
    const refused = await handler.handleStream(chunked([payment('c4', '90.00'), payment('c5', '20.00')], 1));
    expect(refused.committed).toBe(false);
    expect(await handler.handle(payment('c6', '95.00'))).toMatchObject({ status: 'appended', revision: 2 });
  });
});

describe('handleStream on a store without one transaction across chunks (memory)', () => {
  it('appends the checked file in one batch: a stream changed by another writer after the check leaves nothing half-written', async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler(store);
    await handler.handleBatch(setup);
    const input = [payment('c4', '30.00'), payment('c5', '30.00'), payment('c6', '30.00')];
    let passes = 0;
    const source = () =>
      (async function* (): AsyncGenerator<CommandChunk> {
        passes += 1;
        // Between the check and the append, another writer spends most of the budget.
        if (passes === 2) await new CommandHandler(store).handle(payment('other', '50.00'));
        for (let i = 0; i < input.length; i++) yield { commands: [input[i]], refs: [i + 1] };
      })();
    const before = await store.headPosition();
    const result = await handler.handleStream(source);
    expect(passes).toBe(2);
    expect(result).toMatchObject({ committed: false, appended: 0, events: 0 });
    expect(result.rejected.map((r) => [r.ref, r.error.code])).toEqual([[2, 'EXCEEDS_AVAILABLE_BUDGET'], [3, 'EXCEEDS_AVAILABLE_BUDGET']]);
    expect(await store.headPosition()).toBe(before + 1); // only the other writer's payment
  });
});
