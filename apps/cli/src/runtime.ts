import { CommandHandler } from '@bem/commands';
import { type EventStore, openEventStore, storeSpecFromEnv } from '@bem/event-store';
import { ProgressProjection, type ProgressReadModel, type ProgressReadModelHandle, officeProfile, openProgressReadModel } from '@bem/monitoring';

/** Everything a command of the CLI (or an app) needs, wired over one store. */
export interface Runtime {
  store: EventStore;
  handler: CommandHandler;
  progress: ProgressProjection;
  /** The progress read model and where it lives (BEM_READMODEL_STORE). */
  readModel: ProgressReadModelHandle;
  close(): Promise<void>;
}

/** `--store` default: BEM_EVENTSTORE_URL (KurrentDB), else BEM_STORE, else ./data/bem.sqlite. */
export const defaultStoreSpec = (): string => storeSpecFromEnv();

/**
 * Read models live beside the events by default (the sqlite file when the store is sqlite, memory
 * otherwise); BEM_READMODEL_STORE gives them their own sqlite file (each instance of a KurrentDB deployment).
 */
export function progressReadModelFor(store: EventStore, spec: string | undefined = process.env.BEM_READMODEL_STORE): ProgressReadModel {
  return openProgressReadModel(store, spec).model;
}

export async function openRuntime(storeSpec: string = defaultStoreSpec()): Promise<Runtime> {
  const store = await openEventStore(storeSpec);
  let readModel: ProgressReadModelHandle;
  try {
    readModel = openProgressReadModel(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    handler: new CommandHandler(store, { overspendPolicy: officeProfile().overspendPolicy }),
    progress: new ProgressProjection(store, readModel.model),
    readModel,
    close: async () => {
      readModel.close();
      await store.close();
    },
  };
}
