import { type DomainEvent, evolveStream, initialStateFor, isDomainEventType, parseStoredEvent } from '@bem/domain';
import type { EventStore, ExpectedRevision } from '@bem/event-store';
import type { FoldedStream, StreamCache } from './stream-cache';

/** The expected revision of an append after the stream's last read event (-1: the stream has none yet). */
export const expectedAfter = (revision: number): ExpectedRevision => (revision === -1 ? 'no_stream' : revision);

/** A ledger stream's folded state: the cached fold caught up with what was appended since, or a full read (the cache is left as is). */
export async function foldSince(store: EventStore, cache: StreamCache, stream: string): Promise<FoldedStream> {
  const cached = cache.get(stream);
  let state = cached?.state ?? initialStateFor(stream);
  let revision = cached?.revision ?? -1;
  for (const event of await store.readStream(stream, { fromRevision: revision + 1 })) {
    // Stored events are parsed, never cast; types other deciders own (monitoring) reach their own evolve as read.
    state = evolveStream(stream, state, isDomainEventType(event.type) ? parseStoredEvent(event) : (event as unknown as DomainEvent));
    revision = event.revision;
  }
  return { state, revision };
}
