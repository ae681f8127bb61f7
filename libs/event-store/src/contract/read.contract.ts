import { v4 as uuidv4 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { newEvents, positionChecks, useStore, type ContractOptions, type MakeStore } from './helpers';

/** readStream, readAll, findEvents. */
export function readContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  const store = useStore(makeStore);
  const positions = positionChecks(store, options);
  const acrossStreams = options.idsAcrossStreams ?? true;

  describe('reading', () => {
    it('readStream reads one stream in revision order, from a revision', async () => {
      await store().appendMany([
        { stream: 'a', events: newEvents(3, 'A') },
        { stream: 'b', events: newEvents(2, 'B') },
        { stream: 'a', events: newEvents(2, 'A', 3) },
      ]);
      const all = await store().readStream('a');
      const ranks = await Promise.all(all.map((e) => positions.rank(e.position)));
      expect(all.map((e, i) => [e.revision, ranks[i], (e.data as { n: number }).n])).toEqual([
        [0, 1, 0],
        [1, 2, 1],
        [2, 3, 2],
        [3, 6, 3],
        [4, 7, 4],
      ]);
      expect((await store().readStream('a', { fromRevision: 3 })).map((e) => e.revision)).toEqual([3, 4]);
      expect(await store().readStream('a', { fromRevision: 5 })).toEqual([]);
    });

    it('readAll reads after a position (exclusive) with a limit', async () => {
      await store().append('a', newEvents(4));
      await store().append('b', newEvents(6));
      const p = await positions.all();
      positions.expectAscending(p, 10);
      // p[k - 1] is the position of the k-th event.
      expect((await store().readAll({ fromPosition: p[2], limit: 4 })).map((e) => e.position)).toEqual(p.slice(3, 7));
      expect((await store().readAll({ fromPosition: p[7] })).map((e) => e.position)).toEqual(p.slice(8));
      expect((await store().readAll({ limit: 2 })).map((e) => e.position)).toEqual(p.slice(0, 2));
      expect(await store().readAll({ fromPosition: p[9] })).toEqual([]);
      expect(await store().readAll({ fromPosition: p[1], limit: 0 })).toEqual([]);
    });

    it('readAll of some types skips the others, the limit counting only those', async () => {
      await store().append('a', [...newEvents(2, 'Kept'), ...newEvents(3, 'Other', 2), ...newEvents(2, 'AlsoKept', 5)]);
      await store().append('b', newEvents(2, 'Kept', 7));
      const p = await positions.all();
      const kept = await store().readAll({ types: ['Kept', 'AlsoKept'] });
      expect(kept.map((e) => [e.type, (e.data as { n: number }).n])).toEqual([['Kept', 0], ['Kept', 1], ['AlsoKept', 5], ['AlsoKept', 6], ['Kept', 7], ['Kept', 8]]);
      expect((await store().readAll({ types: ['Kept', 'AlsoKept'], fromPosition: p[1], limit: 2 })).map((e) => e.position)).toEqual([p[5], p[6]]);
      expect(await store().readAll({ types: ['Nothing'] })).toEqual([]);
      expect(await store().readAll({ types: [] })).toEqual([]);
    });

    it('readStreamsData gives type and data of several streams in revision order, every asked stream present', async () => {
      await store().appendMany([
        { stream: 'x', events: [...newEvents(2, 'Kept'), ...newEvents(1, 'Other', 2)] },
        { stream: 'y', events: newEvents(2, 'Kept', 3) },
        { stream: 'x', events: newEvents(1, 'Kept', 5) },
      ]);
      const all = await store().readStreamsData(['y', 'x', 'none']);
      expect([...all.keys()]).toEqual(['y', 'x', 'none']);
      expect(all.get('x')?.map((e) => [e.type, (e.data as { n: number }).n])).toEqual([['Kept', 0], ['Kept', 1], ['Other', 2], ['Kept', 5]]);
      expect(all.get('none')).toEqual([]);
      const kept = await store().readStreamsData(['x', 'y'], { types: ['Kept'] });
      expect(kept.get('x')?.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 5]);
      expect(kept.get('y')?.map((e) => (e.data as { n: number }).n)).toEqual([3, 4]);
      expect((await store().readStreamsData(['x'], { types: [] })).get('x')).toEqual([]);
    });

    it('readAll returns the same envelopes as readStream', async () => {
      await store().append('a', newEvents(2));
      expect(await store().readAll()).toEqual(await store().readStream('a'));
    });

    it('findEvents returns the stored events by id in the streams named, leaving out unknown ids, beyond one query chunk', async () => {
      const writes = Array.from({ length: 3 }, (_, s) => ({ stream: `s${s}`, events: newEvents(400, 'Found', s * 400) }));
      await store().appendMany(writes);
      const known = writes.flatMap((w) => w.events.map((e) => e.id));
      const unknown = Array.from({ length: 30 }, () => uuidv4());
      const where = { streams: ['s2', 'none', 's0', 's1', 's0'] };
      const found = await store().findEvents([...unknown.slice(0, 15), ...known, ...unknown.slice(15)], where);
      expect(found.size).toBe(1200);
      for (const id of unknown) expect(found.has(id)).toBe(false);
      const last = found.get(known[1199]);
      expect(last).toMatchObject({ id: known[1199], stream: 's2', revision: 399, type: 'Found', data: { n: 1199 } });
      expect(await positions.rank(last?.position ?? -1)).toBe(1200);
      expect(found.get(known[0])).toMatchObject({ stream: 's0', revision: 0 });
      expect(await positions.rank(found.get(known[0])?.position ?? -1)).toBe(1);
      expect((await store().findEvents([], where)).size).toBe(0);
      expect([...(await store().findEvents([known[5], known[5]], where)).keys()]).toEqual([known[5]]);
    });

    it(`findEvents ${acrossStreams ? 'finds an id in a stream not named too' : 'looks only in the streams named'}`, async () => {
      const [a, b] = newEvents(2);
      await store().appendMany([{ stream: 'a', events: [a] }, { stream: 'b', events: [b] }]);
      const found = await store().findEvents([a.id, b.id], { streams: ['a'] });
      expect([...found.keys()].sort()).toEqual(acrossStreams ? [a.id, b.id].sort() : [a.id]);
      expect((await store().findEvents([b.id], { streams: [] })).size).toBe(acrossStreams ? 1 : 0);
    });

    it('returns copies: mutating a read event does not change the store', async () => {
      await store().append('a', newEvents(1));
      const [event] = await store().readStream('a');
      (event.data as { n: number }).n = 42;
      event.metadata.actor = 'mallory';
      const [again] = await store().readStream('a');
      expect(again.data).toEqual({ n: 0 });
      expect(again.metadata).toEqual({});
    });
  });
}
