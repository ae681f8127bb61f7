import type { EventStore } from '@bem/event-store';
import { EventSourcedTokenStore } from './event-sourced-token-store';
import { SqliteTokenStore } from './sqlite-token-store';
import type { TokenStore } from './token-rows';

export * from './token-rows';
export { EventSourcedTokenStore, TOKEN_STREAM } from './event-sourced-token-store';
export { SqliteTokenStore } from './sqlite-token-store';

/** Tokens live beside the events: a table in the sqlite file when the store is sqlite, token events otherwise. */
export function tokenStoreFor(store: EventStore): TokenStore {
  return store.companionDatabase ? new SqliteTokenStore(store.companionDatabase) : new EventSourcedTokenStore(store);
}

