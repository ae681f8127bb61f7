import { CommandHandler } from '@bem/commands';
import { DomainError } from '@bem/domain';
import { type EventStore, InvalidStoreSpec, StoreNotFound, openEventStore, storeSpecFromEnv } from '@bem/event-store';
import { ProgressProjection, type ProgressReadModel, type ProgressReadModelHandle, openProgressReadModel } from '@bem/read-models';
import { officeProfile } from '@bem/monitoring';
import { UsageError } from './io';

/** Everything a command of the CLI (or an app) needs, wired over one store. */
export interface Runtime {
  store: EventStore;
  handler: CommandHandler;
  progress: ProgressProjection;
  /** The progress read model and where it lives (BEM_READMODEL_STORE). */
  readModel: ProgressReadModelHandle;
  close(): Promise<void>;
}

/** `--store` default: BEM_EVENTSTORE_URL (KurrentDB, PostgreSQL), else BEM_STORE, else ./data/bem.sqlite. */
export const defaultStoreSpec = (): string => asCliError(() => storeSpecFromEnv());

/**
 * Read models live beside the events by default (the sqlite file when the store is sqlite, memory
 * otherwise); BEM_READMODEL_STORE gives them their own sqlite file (each instance of a KurrentDB deployment).
 */
export function progressReadModelFor(store: EventStore, spec: string | undefined = process.env.BEM_READMODEL_STORE): ProgressReadModel {
  return openProgressReadModel(store, spec).model;
}

/**
 * A spec naming no kind of store is a usage error (exit 2); a SQLite file a read command needs but that does not
 * exist is a refusal (exit 1) naming it, and nothing is created.
 */
function asCliError<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (error instanceof InvalidStoreSpec) throw new UsageError(error.message);
    if (error instanceof StoreNotFound) {
      throw new DomainError('STORE_NOT_FOUND', 'store', `事件库不存在：${error.location}（只有 bem import 会新建事件库）`, `event store not found: ${error.location} (only bem import creates one)`);
    }
    throw error;
  }
}

/** `mustExist`: every command but `bem import` reads an existing store and must not create one. */
export async function openRuntime(storeSpec: string = defaultStoreSpec(), options: { mustExist?: boolean } = {}): Promise<Runtime> {
  const store = asCliError(() => openEventStore(storeSpec, options));
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
