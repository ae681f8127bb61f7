import type { OverspendPolicy } from '@bem/domain';

/** Who records a command and from where: carried into every event's metadata. */
export interface CommandMetadata {
  actor?: string;
  /** Entry point: cli-import, api, worker … */
  source?: string;
  correlationId?: string;
  /**
   * History migrated from another system by an admin (`bem import --migrate`, `POST /imports?migrate=true`):
   * a line's own `recordedAt` becomes the event's known-at instant. Otherwise the store's clock records the
   * event and the line's value is only kept as `metadata.originalRecordedAt` (architecture §10).
   */
  migrate?: boolean;
}

export interface BatchOptions extends CommandMetadata {
  /** Decide everything, append nothing. */
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** The office's rules the domain decides under, the same for every command of a handler. */
export interface HandlerOptions {
  /** The office's overspend policy (its profile's): stop refuses a payment above the available budget, warn records it. */
  overspendPolicy?: OverspendPolicy;
}
