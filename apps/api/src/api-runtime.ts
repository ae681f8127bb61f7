import { type TokenStore, tokenStoreFor } from '@bem/auth';
import { CommandHandler } from '@bem/commands';
import { type EventStore, SqliteEventStore, openEventStore } from '@bem/event-store';
import {
  AlertService,
  type AlertRaisedData,
  CheckpointService,
  MemoryProgressReadModel,
  ProgressProjection,
  type ProgressReadModel,
  SqliteProgressReadModel,
} from '@bem/monitoring';

/** Everything the API needs, wired over one store (the Nest module hands it to controllers and handlers). */
export interface ApiRuntime {
  store: EventStore;
  handler: CommandHandler;
  progress: ProgressProjection;
  tokens: TokenStore;
  checkpoints: CheckpointService;
  alerts: AlertService;
  /** The department a project belongs to (after catching up with the log), or null when unknown. */
  departmentOfProject(projectId: string): Promise<string | null>;
  /** The department an alert was raised for, or null when no such alert exists. */
  departmentOfAlert(alertId: string): Promise<string | null>;
  close(): Promise<void>;
}

export async function openApiRuntime(storeSpec: string): Promise<ApiRuntime> {
  const store = await openEventStore(storeSpec);
  const model: ProgressReadModel =
    store instanceof SqliteEventStore ? new SqliteProgressReadModel(store.db) : new MemoryProgressReadModel();
  const progress = new ProgressProjection(store, model);
  return {
    store,
    handler: new CommandHandler(store),
    progress,
    tokens: tokenStoreFor(store),
    checkpoints: new CheckpointService(store, progress),
    alerts: new AlertService(store),
    async departmentOfProject(projectId) {
      await progress.catchUp();
      return model.project(projectId)?.departmentCode ?? null;
    },
    async departmentOfAlert(alertId) {
      const raised = (await store.findEvents([alertId])).get(alertId);
      return raised?.type === 'AlertRaised' ? (raised.data as AlertRaisedData).departmentCode : null;
    },
    close: () => store.close(),
  };
}
