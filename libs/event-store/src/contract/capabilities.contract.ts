import { describe, expect, it } from 'vitest';
import { visitPositionRange } from '../range-reader';
import { caught, newEvent, newEvents, sleep, useStore, type ContractOptions, type MakeStore } from './helpers';

/** The optional capabilities of the port: present exactly where the adapter says, and then behaving as documented. */
export function capabilitiesContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  const store = useStore(makeStore);

  describe('capabilities', () => {
    it('offers exactly the capabilities it declares', () => {
      expect(typeof store().withinTransaction).toBe(options.transactions ? 'function' : 'undefined');
      expect(Boolean(store().replaySource?.())).toBe(Boolean(options.replay));
      expect(store().companionDatabase !== undefined).toBe(Boolean(options.companionDatabase));
    });
  });

  describe.runIf(options.transactions)('withinTransaction', () => {
    it('commits every append made inside at the end; calls inside see their own writes', async () => {
      const subscriptionSaw: number[] = [];
      const subscription = store().subscribe((events) => void subscriptionSaw.push(...events.map((event) => event.position)));
      const result = await store().withinTransaction!(async () => {
        await store().append('a', newEvents(2), { expectedRevision: 'no_stream' });
        await store().appendMany([
          { stream: 'a', events: newEvents(1), expectedRevision: 1 },
          { stream: 'b', events: newEvents(2) },
        ]);
        expect(await store().streamRevision('a')).toBe(2);
        expect((await store().readAll()).length).toBe(5);
        await sleep(30);
        expect(subscriptionSaw).toEqual([]); // not committed yet
        return 'done';
      });
      expect(result).toBe('done');
      await subscription.caughtUp();
      expect(subscriptionSaw).toEqual([1, 2, 3, 4, 5].slice(0, subscriptionSaw.length));
      expect(subscriptionSaw).toHaveLength(5);
      expect(await store().headPosition()).toBeGreaterThan(0);
      await subscription.stop();
    });

    it('writes nothing when fn rejects; refusals inside leave the transaction usable', async () => {
      await store().append('a', newEvents(1));
      const error = await caught(
        store().withinTransaction!(async () => {
          await store().append('a', newEvents(2), { expectedRevision: 0 });
          expect(await caught(store().append('a', newEvents(1), { expectedRevision: 0 }))).toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
          await store().append('b', [newEvent('Fine')]);
          throw new Error('refused');
        }),
      );
      expect((error as Error).message).toBe('refused');
      expect((await store().readAll()).map((event) => event.stream)).toEqual(['a']);
      expect(await store().append('a', newEvents(1), { expectedRevision: 0 })).toMatchObject({ nextRevision: 1, written: true });
    });

    it('recognises ids appended earlier in the same transaction', async () => {
      await store().withinTransaction!(async () => {
        const events = newEvents(2);
        const first = await store().append('a', events);
        expect(await store().append('a', events)).toMatchObject({ written: false, position: first.position });
        expect(await caught(store().append('b', [{ ...events[0], data: { other: true } }]))).toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
      });
      expect((await store().readAll()).length).toBe(2);
    });
  });

  describe.runIf(options.replay)('replaySource + visitPositionRange', () => {
    it('visits the events of the asked types in (from, to], in order, on a connection of its own', async () => {
      await store().append('a', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 }), newEvent('A', { n: 3 }), newEvent('A', { n: 4 }), newEvent('A', { n: 5 })]);
      const all = await store().readAll();
      const visited: [number, string, unknown][] = [];
      await visitPositionRange(store().replaySource!()!, all[0].position, all[3].position, ['A'], (position, type, _at, data) => void visited.push([position, type, data]));
      expect(visited).toEqual([
        [all[2].position, 'A', { n: 3 }],
        [all[3].position, 'A', { n: 4 }],
      ]);
    });
  });
}
