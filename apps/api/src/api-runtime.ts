import { type TokenStore, tokenStoreFor } from '@bem/auth';
import { CommandHandler } from '@bem/commands';
import { type EventStore, openEventStore } from '@bem/event-store';
import { AlertService, findAlert, CheckpointService, officeProfile } from '@bem/monitoring';
import { ProgressProjection, type ProgressReadModelHandle, openProgressReadModel } from '@bem/read-models';

/** Everything the API needs, wired over one store (the Nest module hands it to controllers and handlers). */
export interface ApiRuntime {
  store: EventStore;
  handler: CommandHandler;
  progress: ProgressProjection;
  tokens: TokenStore;
  checkpoints: CheckpointService;
  alerts: AlertService;
  /** Where the progress read model lives (its checkpoint is stored with it). */
  readModel: ProgressReadModelHandle;
  /** The department a project belongs to (after catching up with the log), or null when unknown. */
  departmentOfProject(projectId: string): Promise<string | null>;
  /** The department an alert was raised for, or null when no such alert exists. */
  departmentOfAlert(alertId: string): Promise<string | null>;
  /** What the API learnt of its store from failed writes (a full disk): /health reports it. */
  storeHealth: { diskFullAt: number | null };
  close(): Promise<void>;
}

/**
 * The event store to open: BEM_EVENTSTORE_URL (KurrentDB, architecture §3) wins over the BEM_STORE value
 * main.ts passes; an explicit other spec (tests: 'memory', a file) is kept.
 */
export function apiStoreSpec(storeSpec: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = env.BEM_EVENTSTORE_URL?.trim();
  return url && storeSpec === (env.BEM_STORE || './data/bem.sqlite') ? url : storeSpec;
}

export async function openApiRuntime(storeSpec: string): Promise<ApiRuntime> {
  const store = await openEventStore(apiStoreSpec(storeSpec));
  let readModel: ProgressReadModelHandle;
  try {
    // Each instance keeps its read model by catch-up from its stored checkpoint (BEM_READMODEL_STORE).
    readModel = openProgressReadModel(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  const model = readModel.model;
  const progress = new ProgressProjection(store, model);
  return {
    store,
    handler: new CommandHandler(store, { overspendPolicy: officeProfile().overspendPolicy }),
    progress,
    tokens: tokenStoreFor(store),
    checkpoints: new CheckpointService(store, progress),
    alerts: new AlertService(store),
    async departmentOfProject(projectId) {
      await progress.catchUp();
      return model.project(projectId)?.departmentCode ?? null;
    },
    async departmentOfAlert(alertId) {
      return (await findAlert(store, alertId))?.departmentCode ?? null;
    },
    readModel,
    storeHealth: { diskFullAt: null },
    close: async () => {
      readModel.close();
      await store.close();
    },
  };
}
