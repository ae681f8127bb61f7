import { describe, expect, it } from 'vitest';
import { StoredEventInvalid, parseDomainEvents, parseStoredEvent } from './stored-events';

const payment = { projectId: 'p1', paymentId: 'pay-1', occurredOn: '2020-03-15', amount: '350000.00' };

describe('stored events are parsed on read', () => {
  it('gives the typed event, unknown fields stripped', () => {
    const event = parseStoredEvent({ type: 'PaymentMade', data: { ...payment, extra: 1 }, stream: 'project-p1', revision: 3 });
    expect(event).toEqual({ type: 'PaymentMade', data: payment });
  });

  it('refuses loudly, naming stream, revision and field', () => {
    const read = () => parseStoredEvent({ type: 'PaymentMade', data: { ...payment, amount: 350000 }, stream: 'project-p1', revision: 7 });
    expect(read).toThrow(StoredEventInvalid);
    expect(read).toThrow(/project-p1@7 PaymentMade: amount/);
  });

  it('refuses an unknown type when asked to parse it, and skips non-domain events in a stream', () => {
    expect(() => parseStoredEvent({ type: 'Nonsense', data: {}, stream: 's', revision: 0 })).toThrow(/未知事件类型/);
    const parsed = parseDomainEvents([{ type: 'TokenIssued', data: {}, id: 'a' }, { type: 'PaymentMade', data: payment, id: 'b' }]);
    expect(parsed.map((e) => [e.type, e.id])).toEqual([['PaymentMade', 'b']]);
  });

  it('reads an event of an older schema version through its upcaster (none exists yet: v1 is current)', () => {
    expect(() => parseStoredEvent({ type: 'PaymentMade', data: payment, stream: 's', revision: 0, metadata: { schemaVersion: 1 } })).not.toThrow();
  });
});

describe('the progress read model’s narrow parse', () => {
  it('refuses a money event as loudly as the full parse, naming its position and field', async () => {
    const { movementOfStored } = await import('../ledger-fold/movement');
    expect(() => movementOfStored({ type: 'PaymentMade', data: { ...payment, amount: 'lots' }, position: 42 })).toThrow(/position 42@\? PaymentMade: amount/);
    expect(movementOfStored({ type: 'PaymentMade', data: payment, position: 42 })?.paid).toBe(35000000n);
  });
});
