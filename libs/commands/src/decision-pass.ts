import { DomainError, type LedgerCommand } from '@bem/domain';
import type { EventStore, RecordedEvent } from '@bem/event-store';
import { type Identity, firstEventsWhere } from './command-identity';
import { type DecisionRules, type PendingWrite, decideInto } from './ledger-decision';
import { commandIdConflict } from './outcomes';
import type { FoldedStream, StreamCache } from './stream-cache';
import { foldSince } from './stream-fold';

/** A command recorded before (in the store, or earlier in this pass): nothing is decided for it. */
export type Duplicate =
  | { index: number; stored: RecordedEvent }
  /** `earlier`: the command's ordinal in the pass (its index in the chunk, for a pass of one chunk). */
  | { index: number; earlier: number };

export interface Refusal {
  index: number;
  command: LedgerCommand;
  error: DomainError;
}

/** What a chunk of commands came to: indexes are positions in the chunk. */
export interface ChunkDecisions {
  writes: PendingWrite[];
  duplicates: Duplicate[];
  refused: Refusal[];
}

/** Where a pass reads: the store, and the cache of folded states it starts from. */
export interface PassSource {
  store: EventStore;
  cache: StreamCache;
  /**
   * Keep what is read in the cache at once (even if the pass then appends nothing): only outside a store
   * transaction, where every read state is a committed one.
   */
  cacheReads: boolean;
}

/** How many recorded first events one store lookup asks for (an import chunk of 1,000 lines: one lookup). */
const LOOKUP_CHUNK = 1_000;

/**
 * The one decision pass of the command handler, whatever the entry mode (one command, a batch, a long stream in
 * chunks): each command is recognised as a retry (the store holds its first event, or the pass saw it), or decided
 * on the folded states of the streams it reads, which then evolve for the commands after it. The pass appends
 * nothing: its caller appends the writes (all of a batch, or chunk by chunk inside a transaction).
 */
export class DecisionPass {
  /** Folded states as of this pass (its own decisions included): put into the cache only once they are stored. */
  private readonly streams = new Map<string, FoldedStream>();
  /** Commands seen in the pass and not in the store yet: hash and ordinal. */
  private seen = new Map<string, { hash: string; ordinal: number }>();
  private decided = 0;

  constructor(
    private readonly source: PassSource,
    private readonly rules: DecisionRules,
  ) {}

  async decide(commands: readonly LedgerCommand[], identities: readonly Identity[]): Promise<ChunkDecisions> {
    const stored = await this.storedFirstEvents(identities);
    const decisions: ChunkDecisions = { writes: [], duplicates: [], refused: [] };
    const scope = { streams: this.streams, load: (stream: string) => this.load(stream), writes: decisions.writes };
    for (let index = 0; index < commands.length; index++) {
      const command = commands[index];
      const identity = identities[index];
      try {
        const earlier = stored.get(identity.firstEventId);
        const inPass = this.seen.get(command.id);
        if (earlier || inPass) {
          const earlierHash = earlier ? (earlier.metadata.commandHash as string | undefined) : inPass?.hash;
          if (earlierHash !== identity.hash) throw commandIdConflict(command.id);
          decisions.duplicates.push(earlier ? { index, stored: earlier } : { index, earlier: (inPass as { ordinal: number }).ordinal });
          continue;
        }
        this.seen.set(command.id, { hash: identity.hash, ordinal: this.decided + index });
        const pending = decideInto({ index, command, identity }, scope, this.rules);
        if (pending) await pending;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        decisions.refused.push({ index, command, error });
      }
    }
    this.decided += commands.length;
    return decisions;
  }

  /** The commands decided so far are stored now (appended in the caller's transaction): the store recognises them. */
  forgetSeen(): void {
    this.seen = new Map();
  }

  /** After the append (or the commit): the states of this pass are what is stored. */
  acceptIntoCache(): void {
    for (const [stream, folded] of this.streams) this.source.cache.set(stream, folded);
  }

  /** The stream's state in this pass: decided here already, or the cached fold caught up with the store, or a full read. */
  private async load(stream: string): Promise<FoldedStream> {
    const inPass = this.streams.get(stream);
    if (inPass) return inPass;
    const loaded = await foldSince(this.source.store, this.source.cache, stream);
    if (this.source.cacheReads) this.source.cache.set(stream, loaded);
    this.streams.set(stream, loaded);
    return loaded;
  }

  /** The first event of every command already recorded, found by its deterministic id. */
  private async storedFirstEvents(identities: readonly Identity[]): Promise<Map<string, RecordedEvent>> {
    const found = new Map<string, RecordedEvent>();
    for (let start = 0; start < identities.length; start += LOOKUP_CHUNK) {
      const chunk = identities.slice(start, start + LOOKUP_CHUNK);
      for (const [id, event] of await this.source.store.findEvents(chunk.map((identity) => identity.firstEventId), firstEventsWhere(chunk))) found.set(id, event);
    }
    return found;
  }
}
