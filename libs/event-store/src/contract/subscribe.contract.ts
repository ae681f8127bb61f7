import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../types';
import { caught, newEvents, positionChecks, sleep, useStore, type ContractOptions, type MakeStore } from './helpers';

/** Deterministic pseudo-random numbers in [0, 1), so a failing interleaving can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Catch-up subscriptions. */
export function subscribeContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  const store = useStore(makeStore);
  const positions = positionChecks(store, options);

  describe('subscribe', () => {
    it('delivers every position exactly once, in order, while another writer keeps appending', async () => {
      const random = seeded(20240601);
      const total = 2000;
      await store().append('early', newEvents(150));
      const seen: number[] = [];
      const batchSizes: number[] = [];
      let active = 0;
      let maxActive = 0;
      const subscription = store().subscribe(
        async (events) => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          batchSizes.push(events.length);
          seen.push(...events.map((e) => e.position));
          if (random() < 0.3) await sleep(0);
          else await Promise.resolve();
          active -= 1;
        },
        { fromPosition: 0, batchSize: 64 },
      );

      let written = 150;
      let midwayChecked = false;
      while (written < total) {
        const size = Math.min(total - written, 1 + Math.floor(random() * 7));
        if (random() < 0.5) {
          await store().append(`s${Math.floor(random() * 5)}`, newEvents(size));
        } else {
          const split = Math.ceil(size / 2);
          const events = newEvents(size);
          await store().appendMany([
            { stream: 'x', events: events.slice(0, split) },
            { stream: `y${Math.floor(random() * 3)}`, events: events.slice(split) },
          ]);
        }
        written += size;
        if (!midwayChecked && written > 1000) {
          midwayChecked = true;
          const head = await store().headPosition();
          await subscription.caughtUp();
          expect(subscription.position()).toBeGreaterThanOrEqual(head);
        }
        const pause = random();
        if (pause < 0.25) await sleep(random() < 0.5 ? 0 : 2);
        else if (pause < 0.6) await Promise.resolve();
      }

      await subscription.caughtUp();
      await subscription.stop();
      const stored = await positions.all();
      positions.expectAscending(stored, total);
      expect(seen).toEqual(stored);
      expect(subscription.position()).toBe(stored[total - 1]);
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(64);
      expect(maxActive).toBe(1);
      expect(await positions.headRank()).toBe(total);
    });

    it('starts after fromPosition and hands over full envelopes', async () => {
      const events = newEvents(10);
      await store().append('a', events);
      const p = await positions.all();
      const seen: RecordedEvent[] = [];
      const subscription = store().subscribe((batch) => void seen.push(...batch), { fromPosition: p[5] });
      await subscription.caughtUp();
      expect(seen.map((e) => e.position)).toEqual(p.slice(6));
      expect(seen[0]).toMatchObject({ id: events[6].id, stream: 'a', revision: 6, type: 'Counted', data: { n: 6 }, metadata: {} });
      expect(subscription.position()).toBe(p[9]);
      await subscription.stop();
    });

    it('caughtUp waits for every event stored when it is called, and resolves at once on an empty store', async () => {
      const empty = store().subscribe(() => undefined);
      await empty.caughtUp();
      expect(empty.position()).toBe(0);
      await empty.stop();

      await store().append('a', newEvents(95));
      let handled = 0;
      const subscription = store().subscribe(
        async (batch) => {
          await sleep(1);
          handled += batch.length;
        },
        { batchSize: 10 },
      );
      await subscription.caughtUp();
      expect(handled).toBe(95);
      await store().append('a', newEvents(5));
      await subscription.caughtUp();
      expect(handled).toBe(100);
      await subscription.stop();
    });

    it('stop() ends delivery, also when called while the handler is busy', async () => {
      await store().append('a', newEvents(30));
      const p = await positions.all();
      const seen: number[] = [];
      let release: () => void = () => undefined;
      const subscription = store().subscribe(
        async (batch) => {
          seen.push(...batch.map((e) => e.position));
          if (seen.length === 10) await new Promise<void>((resolve) => (release = resolve));
        },
        { batchSize: 10 },
      );
      while (seen.length < 10) await sleep(1);
      const stopped = subscription.stop();
      release();
      await stopped;
      await store().append('a', newEvents(5));
      await sleep(150);
      expect(seen).toEqual(p.slice(0, 10));
      expect(subscription.position()).toBe(p[9]);
    });

    it('stops on a handler error and surfaces it through caughtUp()', async () => {
      await store().append('a', newEvents(12));
      const p = await positions.all();
      const failure = new Error('read model write failed');
      const seen: number[] = [];
      const subscription = store().subscribe(
        (batch) => {
          if (batch.some((e) => e.position === p[6])) throw failure;
          seen.push(...batch.map((e) => e.position));
        },
        { batchSize: 5 },
      );
      expect(await caught(subscription.caughtUp())).toBe(failure);
      expect(seen).toEqual(p.slice(0, 5));
      expect(subscription.position()).toBe(p[4]);
      await store().append('a', newEvents(3));
      await sleep(120);
      expect(seen).toEqual(p.slice(0, 5));
      expect(await caught(subscription.caughtUp())).toBe(failure);
      await subscription.stop();
    });

    it('close() stops every subscription', async () => {
      const seen: number[] = [];
      const subscription = store().subscribe((batch) => void seen.push(...batch.map((e) => e.position)));
      await store().append('a', newEvents(3));
      await subscription.caughtUp();
      const p = await positions.all();
      await store().close();
      await sleep(80);
      expect(seen).toEqual(p);
      positions.expectAscending(p, 3);
      expect(await caught(store().append('a', newEvents(1)))).toBeInstanceOf(Error);
      await store().close(); // closing twice is harmless
    });
  });
}
