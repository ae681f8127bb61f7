import { describe, expect, it } from 'vitest';
import { DuplicateEventId } from '../errors';
import { caught, newEvent, newEvents, positionChecks, useStore, type ContractOptions, type MakeStore } from './helpers';

/** Event ids: idempotent retries, conflicting payloads, partly stored batches. */
export function idempotencyContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  const store = useStore(makeStore);
  const positions = positionChecks(store, options);
  const acrossStreams = options.idsAcrossStreams ?? true;

  describe('event ids', () => {
    it('treats a retry of a stored batch as a no-op that reports the stored events', async () => {
      const events = newEvents(3);
      const first = await store().append('s', events, { expectedRevision: 'no_stream' });
      await store().append('s', newEvents(2));
      await store().append('other', newEvents(1));

      // Would fail its expectedRevision if it were a new write.
      const retry = await store().append('s', events, { expectedRevision: 'no_stream' });
      expect(first).toEqual({ stream: 's', nextRevision: 2, position: first.position, eventIds: events.map((e) => e.id), written: true });
      expect(retry).toEqual({ stream: 's', nextRevision: 4, position: first.position, eventIds: events.map((e) => e.id), written: false });
      expect(await positions.rank(first.position)).toBe(3);
      expect(await positions.headRank()).toBe(6);
    });

    it('recognises a retry whatever its metadata or recordedAt', async () => {
      const event = newEvent('Paid', { amount: '12.30' }, { metadata: { actor: 'a' } });
      await store().append('s', [event]);
      const retry = await store().append('s', [{ ...event, metadata: { actor: 'b' }, recordedAt: '2020-01-01T00:00:00.000Z' }], {
        expectedRevision: 7,
      });
      expect(retry.written).toBe(false);
      expect((await store().readStream('s'))[0].metadata).toEqual({ actor: 'a' });
    });

    it('retries one write of an appendMany while writing the others', async () => {
      const stored = newEvents(2);
      await store().append('a', stored);
      const fresh = newEvents(1);
      const results = await store().appendMany([
        { stream: 'a', events: stored, expectedRevision: 'no_stream' },
        { stream: 'b', events: fresh, expectedRevision: 'no_stream' },
      ]);
      expect(results).toEqual([
        { stream: 'a', nextRevision: 1, position: results[0].position, eventIds: stored.map((e) => e.id), written: false },
        { stream: 'b', nextRevision: 0, position: results[1].position, eventIds: [fresh[0].id], written: true },
      ]);
      expect([await positions.rank(results[0].position), await positions.rank(results[1].position)]).toEqual([2, 3]);
    });

    it.each([
      ['data', { data: { amount: '999.00' } }],
      ['type', { type: 'PaymentCancelled' }],
    ])('refuses a stored id with a different %s', async (_what, change) => {
      const event = newEvent('PaymentRecorded', { amount: '1.00' });
      await store().append('s', [event]);
      const error = await caught(store().append('s', [{ ...event, ...change }]));
      expect(error).toBeInstanceOf(DuplicateEventId);
      expect(error).toMatchObject({ code: 'DUPLICATE_EVENT_ID', eventId: event.id, reason: 'stored with a different payload' });
      expect(await positions.headRank()).toBe(1);
    });

    it('refuses a stored id sent to another stream written in the same call', async () => {
      const event = newEvent('PaymentRecorded', { amount: '1.00' });
      await store().append('s', [event]);
      const error = await caught(store().appendMany([{ stream: 's', events: [newEvent()] }, { stream: 't', events: [event] }]));
      expect(error).toMatchObject({ eventId: event.id, reason: 'stored with a different payload' });
      expect([await store().streamRevision('s'), await store().streamRevision('t')]).toEqual([0, -1]);
    });

    it(`${acrossStreams ? 'refuses' : 'accepts (ids are checked per stream written)'} a stored id sent to another stream alone`, async () => {
      const event = newEvent('PaymentRecorded', { amount: '1.00' });
      await store().append('s', [event]);
      if (acrossStreams) {
        const error = await caught(store().append('t', [event]));
        expect(error).toMatchObject({ eventId: event.id, reason: 'stored with a different payload' });
        expect(await store().streamRevision('t')).toBe(-1);
      } else {
        expect(await store().append('t', [event])).toMatchObject({ written: true, nextRevision: 0 });
      }
    });

    it('refuses a batch that is only partly stored and writes none of it', async () => {
      const events = newEvents(3);
      await store().append('s', events.slice(0, 2));
      const error = await caught(store().append('s', events));
      expect(error).toBeInstanceOf(DuplicateEventId);
      expect(error).toMatchObject({ eventId: events[0].id, reason: 'batch partly stored' });
      expect(await store().streamRevision('s')).toBe(1);
      expect((await store().findEvents([events[2].id], { streams: ['s'] })).size).toBe(0);
    });

    it('refuses the same id twice in one call, in one write or across writes', async () => {
      const event = newEvent();
      expect(await caught(store().append('s', [event, { ...event }]))).toBeInstanceOf(DuplicateEventId);
      const error = await caught(
        store().appendMany([
          { stream: 'a', events: [newEvent(), event] },
          { stream: 'b', events: [event] },
        ]),
      );
      expect(error).toMatchObject({ eventId: event.id });
      expect(await store().headPosition()).toBe(0);
    });

    it('refuses a conflicting id in one write of an appendMany and writes nothing', async () => {
      const event = newEvent('X', { v: 1 });
      await store().append('s', [event]);
      const error = await caught(
        store().appendMany([
          { stream: 'a', events: newEvents(5) },
          { stream: 's', events: [{ ...event, data: { v: 2 } }] },
        ]),
      );
      expect(error).toBeInstanceOf(DuplicateEventId);
      expect(await positions.headRank()).toBe(1);
    });
  });
}
