import type { RecordedEvent } from '../types';

/** Where a stored event is: enough to fetch it again by stream and revision. */
export interface EventLocation {
  stream: string;
  revision: number;
  position: number;
}

/**
 * Event id -> location, kept by reading $all forward. KurrentDB has no lookup by event id, and the port
 * needs one (`findEvents`, and recognising an idempotent retry or a reused id before writing).
 *
 * The index lives in memory: roughly 150 bytes per event, so about 150 MB for a 1M-event log, built by
 * one pass over $all at the first lookup and then kept current by reading only what was appended since.
 */
export class EventIdIndex {
  private readonly locations = new Map<string, EventLocation>();
  /** Interned stream names: a project stream holds many events, its name is kept once. */
  private readonly streams = new Map<string, string>();
  private indexedTo = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly readAfter: (position: number, limit: number) => Promise<RecordedEvent[]>) {}

  /**
   * Reads whatever was appended up to now. Calls are queued: each one reads after the previous has
   * finished, so it sees every event stored before it was called.
   */
  catchUp(): Promise<void> {
    const run = this.queue.then(() => this.readNew());
    this.queue = run.catch(() => undefined);
    return run;
  }

  get(id: string): EventLocation | undefined {
    return this.locations.get(id);
  }

  /** Positions up to which the index is complete. */
  position(): number {
    return this.indexedTo;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const events = await this.readAfter(this.indexedTo, 5000);
      if (events.length === 0) return;
      for (const event of events) {
        let stream = this.streams.get(event.stream);
        if (stream === undefined) {
          stream = event.stream;
          this.streams.set(stream, stream);
        }
        this.locations.set(event.id, { stream, revision: event.revision, position: event.position });
      }
      this.indexedTo = events[events.length - 1].position;
    }
  }
}
