import type { StreamState } from '@bem/domain';

export interface FoldedStream {
  state: StreamState;
  /** Revision of the last event folded into `state` (-1: empty stream). */
  revision: number;
}

/**
 * Folded stream states kept between commands (least recently used dropped beyond `capacity`), so a command
 * reads only the events appended since, not the whole history. Only states that match what is stored are
 * kept: read from the store, or evolved by events the store has accepted.
 */
export class StreamCache {
  private readonly entries = new Map<string, FoldedStream>();

  constructor(private readonly capacity = 10_000) {}

  get(stream: string): FoldedStream | undefined {
    const entry = this.entries.get(stream);
    if (entry) {
      this.entries.delete(stream);
      this.entries.set(stream, entry);
    }
    return entry;
  }

  set(stream: string, entry: FoldedStream): void {
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
