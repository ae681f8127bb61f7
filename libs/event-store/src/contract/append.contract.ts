import { describe, expect, it } from 'vitest';
import { WrongExpectedRevision } from '../errors';
import type { ExpectedRevision } from '../types';
import { caught, newEvent, newEvents, positionChecks, useStore, type ContractOptions, type MakeStore } from './helpers';

/** Revisions, positions, envelopes and every expectedRevision mode. */
export function appendContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  const store = useStore(makeStore);
  const positions = positionChecks(store, options);

  describe('append', () => {
    it('gives consecutive revisions from 0, increasing global positions (1, 2 … when dense), one recordedAt per call and {} metadata', async () => {
      const events = [newEvent('BudgetApproved', { amount: '100.00', 部门: '财政局' }), newEvent('BudgetAdjusted', { amount: '-5.50' })];
      const result = await store().append('project-1', events);
      const stored = await store().readStream('project-1');
      expect(result).toEqual({ stream: 'project-1', nextRevision: 1, position: stored[1].position, eventIds: events.map((e) => e.id), written: true });
      expect(stored.map((e) => [e.id, e.type, e.stream, e.revision])).toEqual([
        [events[0].id, 'BudgetApproved', 'project-1', 0],
        [events[1].id, 'BudgetAdjusted', 'project-1', 1],
      ]);
      positions.expectAscending(stored.map((e) => e.position), 2);
      expect(await positions.rank(result.position)).toBe(2);
      expect(stored[0].data).toEqual({ amount: '100.00', 部门: '财政局' });
      expect(stored[0].metadata).toEqual({});
      expect(stored[0].recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(stored[1].recordedAt).toBe(stored[0].recordedAt);
    });

    it('keeps the given metadata and recordedAt', async () => {
      const metadata = { actor: 'zhang.san', correlationId: 'c-1', source: 'import', extra: { row: 7 } };
      await store().append('s', [newEvent('Imported', [1, 'two', null], { metadata, recordedAt: '2024-03-01T08:00:00.000Z' })]);
      const [event] = await store().readStream('s');
      expect(event.metadata).toEqual(metadata);
      expect(event.recordedAt).toBe('2024-03-01T08:00:00.000Z');
      expect(event.data).toEqual([1, 'two', null]);
    });

    it('numbers positions across streams and revisions per stream', async () => {
      await store().append('a', newEvents(2));
      const b = await store().append('b', newEvents(3));
      const a = await store().append('a', newEvents(1));
      expect([b.nextRevision, await positions.rank(b.position), a.nextRevision, await positions.rank(a.position)]).toEqual([2, 5, 2, 6]);
      expect(await store().streamRevision('a')).toBe(2);
      expect(await store().streamRevision('b')).toBe(2);
      expect(await store().streamRevision('nowhere')).toBe(-1);
      expect(await positions.headRank()).toBe(6);
      const all = await store().readAll();
      positions.expectAscending(all.map((e) => e.position), 6);
      expect(all.map((e, i) => `${e.stream}@${e.revision}#${i + 1}`)).toEqual([
        'a@0#1', 'a@1#2', 'b@0#3', 'b@1#4', 'b@2#5', 'a@2#6',
      ]);
    });

    it('starts empty', async () => {
      expect(await store().headPosition()).toBe(0);
      expect(await store().readAll()).toEqual([]);
      expect(await store().readStream('x')).toEqual([]);
    });
  });

  describe('expectedRevision', () => {
    const accepts = async (expected: ExpectedRevision, existing: number): Promise<number> => {
      if (existing > 0) await store().append('s', newEvents(existing));
      const result = await store().append('s', newEvents(1), { expectedRevision: expected });
      return result.nextRevision;
    };
    const refuses = async (expected: ExpectedRevision, existing: number): Promise<void> => {
      if (existing > 0) await store().append('s', newEvents(existing));
      const error = await caught(store().append('s', newEvents(2), { expectedRevision: expected }));
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', stream: 's', expected, actual: existing - 1 });
      expect(await store().streamRevision('s')).toBe(existing - 1);
      expect(await positions.headRank()).toBe(existing);
    };

    it('any (the default) accepts an empty or existing stream', async () => {
      expect(await accepts('any', 0)).toBe(0);
      expect(await accepts('any', 0)).toBe(1);
      expect((await store().append('s', newEvents(1))).nextRevision).toBe(2);
    });
    it('no_stream accepts an empty stream', async () => expect(await accepts('no_stream', 0)).toBe(0));
    it('no_stream refuses an existing stream', () => refuses('no_stream', 2));
    it('stream_exists accepts a stream with events', async () => expect(await accepts('stream_exists', 1)).toBe(1));
    it('stream_exists refuses an empty stream', () => refuses('stream_exists', 0));
    it('an exact revision accepts the revision of the last event', async () => expect(await accepts(2, 3)).toBe(3));
    it('-1 accepts an empty stream', async () => expect(await accepts(-1, 0)).toBe(0));
    it('an exact revision refuses a stream that moved on', () => refuses(1, 3));
    it('an exact revision refuses a stream that is behind', () => refuses(5, 3));
    it('an exact revision refuses an empty stream', () => refuses(0, 0));
  });

  describe('appendMany', () => {
    it('writes several streams and returns one result per write', async () => {
      await store().append('a', newEvents(1));
      const results = await store().appendMany([
        { stream: 'a', events: newEvents(2), expectedRevision: 0 },
        { stream: 'b', events: newEvents(1), expectedRevision: 'no_stream' },
      ]);
      const ranks = await Promise.all(results.map((r) => positions.rank(r.position)));
      expect(results.map((r, i) => [r.stream, r.nextRevision, ranks[i], r.written])).toEqual([
        ['a', 2, 3, true],
        ['b', 0, 4, true],
      ]);
    });

    it('continues revisions of a stream written twice in one call and checks the later write against them', async () => {
      const first = newEvents(2);
      const second = newEvents(1);
      const results = await store().appendMany([
        { stream: 'a', events: first, expectedRevision: 'no_stream' },
        { stream: 'b', events: newEvents(1) },
        { stream: 'a', events: second, expectedRevision: 1 },
      ]);
      expect(results.map((r) => r.nextRevision)).toEqual([1, 0, 2]);
      const streamA = await store().readStream('a');
      const ranksA = await Promise.all(streamA.map((e) => positions.rank(e.position)));
      expect(streamA.map((e, i) => [e.id, e.revision, ranksA[i]])).toEqual([
        [first[0].id, 0, 1],
        [first[1].id, 1, 2],
        [second[0].id, 2, 4],
      ]);

      const error = await caught(
        store().appendMany([
          { stream: 'c', events: newEvents(1) },
          { stream: 'c', events: newEvents(1), expectedRevision: 'no_stream' },
        ]),
      );
      expect(error).toMatchObject({ stream: 'c', expected: 'no_stream', actual: 0 });
      expect(await store().streamRevision('c')).toBe(-1);
    });

    it('is atomic: a refused write leaves no trace of the other writes', async () => {
      await store().append('b', newEvents(2));
      const error = await caught(
        store().appendMany([
          { stream: 'a', events: newEvents(3) },
          { stream: 'b', events: newEvents(1), expectedRevision: 0 },
          { stream: 'c', events: newEvents(1) },
        ]),
      );
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(await positions.headRank()).toBe(2);
      expect(await store().streamRevision('a')).toBe(-1);
      expect(await store().streamRevision('c')).toBe(-1);
      // Nothing of the refused call is stored (and, on a dense store, no position is burnt).
      expect(await positions.rank((await store().append('a', newEvents(1))).position)).toBe(3);
      positions.expectAscending((await store().readAll()).map((e) => e.position), 3);
    });

    it('writes a large multi-stream batch with consecutive positions', async () => {
      const writes = Array.from({ length: 50 }, (_, s) => ({ stream: `bulk-${s}`, events: newEvents(60, 'Bulk', s * 60) }));
      const results = await store().appendMany(writes);
      const all = await store().readAll();
      positions.expectAscending(all.map((e) => e.position), 3000);
      expect(results.map((r) => r.position)).toEqual(all.filter((_, i) => i % 60 === 59).map((e) => e.position));
      expect(all.map((e) => (e.data as { n: number }).n)).toEqual(all.map((_, i) => i));
      expect(await store().streamRevision('bulk-49')).toBe(59);
    });
  });
}
