import { CommandHandler } from '@bem/commands';
import { type EventStore, SqliteEventStore, openEventStore } from '@bem/event-store';
import { MemoryProgressReadModel, ProgressProjection, type ProgressReadModel, SqliteProgressReadModel } from '@bem/monitoring';

/** Everything a command of the CLI (or an app) needs, wired over one store. */
export interface Runtime {
  store: EventStore;
  handler: CommandHandler;
  progress: ProgressProjection;
  close(): Promise<void>;
}

export const defaultStoreSpec = (): string => process.env.BEM_STORE || './data/bem.sqlite';

/** Read models live beside the events: in the sqlite file when the store is sqlite, in memory otherwise. */
export function progressReadModelFor(store: EventStore): ProgressReadModel {
  return store instanceof SqliteEventStore ? new SqliteProgressReadModel(store.db) : new MemoryProgressReadModel();
}

export async function openRuntime(storeSpec: string = defaultStoreSpec()): Promise<Runtime> {
  const store = await openEventStore(storeSpec);
  return {
    store,
    handler: new CommandHandler(store),
    progress: new ProgressProjection(store, progressReadModelFor(store)),
    close: () => store.close(),
  };
}
