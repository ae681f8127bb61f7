import type { LedgerCommand, StreamState } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import { identify } from './command-identity';
import type { CommandChunk, StreamOptions, StreamResult } from './command-stream';
import { retryOnConflict } from './conflict-retry';
import { DecisionPass } from './decision-pass';
import { batchOutcomes } from './batch-outcomes';
import type { BatchOptions, CommandMetadata, HandlerOptions } from './handler-options';
import { type BatchResult, type CommandOutcome, countOutcomes } from './outcomes';
import { StreamCache } from './stream-cache';
import { type DeciderOutcome, type DeciderRun, type StreamDecider, decideOnStream } from './stream-decider';
import { foldSince } from './stream-fold';
import { passInTransaction, passOver } from './stream-pass';

/**
 * The one command handler every entry point uses (emmett's handleCommand, batched):
 * read stream -> fold -> decide -> append with the expected revision; on a revision conflict, read again and retry.
 * Its three entry modes (one command, a batch, a long stream) share one decision pass (DecisionPass).
 * A batch is all or nothing: one rejected command and nothing of it is appended.
 */
export class CommandHandler {
  private readonly cache = new StreamCache();

  constructor(
    private readonly store: EventStore,
    private readonly options: HandlerOptions = {},
  ) {}

  /** One command; throws the DomainError that rejected it. */
  async handle(command: LedgerCommand, metadata: CommandMetadata = {}): Promise<CommandOutcome> {
    const result = await this.handleBatch([command], metadata);
    if (result.rejected.length) throw result.rejected[0].error;
    return result.outcomes[0] as CommandOutcome;
  }

  /** A stream's state as the deciders fold it now (what the next command is decided against). */
  async stateOf(stream: string): Promise<StreamState> {
    return (await foldSince(this.store, this.cache, stream)).state;
  }

  async handleBatch(commands: readonly LedgerCommand[], options: BatchOptions = {}): Promise<BatchResult> {
    const identities = commands.map(identify);
    return retryOnConflict(async () => {
      const pass = this.pass(options, { cacheReads: true });
      const decisions = await pass.decide(commands, identities);
      const rejected = decisions.refused;
      if (rejected.length || options.dryRun || decisions.writes.length === 0) {
        return { outcomes: batchOutcomes(commands, decisions), rejected, appended: false };
      }
      const results = await this.store.appendMany(decisions.writes);
      // The store accepted them: the evolved states now match what is stored.
      pass.acceptIntoCache();
      options.onProgress?.(commands.length, commands.length);
      return { outcomes: batchOutcomes(commands, decisions, results), rejected, appended: true };
    });
  }

  /**
   * A long input (a ledger file) decided and appended chunk by chunk, all or nothing: memory stays bounded by a chunk
   * (and the folded states of the streams it touches), whatever the length of the input.
   *
   * - On a store with `withinTransaction` (sqlite), one pass inside ONE store transaction (see passInTransaction).
   * - Otherwise (and for a dry run), a first pass decides everything and appends nothing; then, when it found no
   *   problem, a second pass over `source()` gathers the commands and appends them as ONE batch (all or nothing,
   *   with optimistic retries): such a store cannot hold a transaction across chunks.
   *
   * `source` is called once per pass and must yield the same chunks each time.
   * The cache of folded states only ever receives states of committed events.
   */
  async handleStream(source: () => AsyncIterable<CommandChunk>, options: StreamOptions = {}): Promise<StreamResult> {
    const store = this.store;
    const transaction = store.withinTransaction?.bind(store);
    if (!options.dryRun && transaction) return passInTransaction(store, transaction, this.pass(options), source, options);
    const check = await passOver(store, this.pass(options), source, { ...options, append: false });
    if (options.dryRun || !check.clean) return check.result(false);

    // This store cannot hold one transaction across chunks: the checked commands go in one batch (all or nothing;
    // a stream another writer changed since the check makes it retry or refuse as a whole, never half of it).
    const commands: LedgerCommand[] = [];
    const refs: number[] = [];
    for await (const chunk of source()) {
      chunk.commands.forEach((command, i) => {
        commands.push(command);
        refs.push(chunk.refs?.[i] ?? refs.length);
      });
    }
    const batch = await this.handleBatch(commands, options);
    if (batch.rejected.length) {
      return { ...check.result(false), appended: 0, duplicates: 0, events: 0, rejected: batch.rejected.map(({ index, command, error }) => ({ ref: refs[index], command, error })) };
    }
    return { ...check.result(true), ...countOutcomes(batch) };
  }

  /**
   * A command of a decider that owns a stream of its own (monitoring), run the same way: read, fold, decide, append
   * at the expected revisions, and on a lost race read again and decide again (the handler's one retry).
   */
  async handleWith<Command, State>(decider: StreamDecider<Command, State>, run: DeciderRun<Command>): Promise<DeciderOutcome<Command, State>> {
    return retryOnConflict(() => decideOnStream(this.store, decider, run));
  }

  /** A decision pass on this handler's store and cache; `cacheReads` only outside a store transaction. */
  private pass(metadata: CommandMetadata, reads: { cacheReads: boolean } = { cacheReads: false }): DecisionPass {
    return new DecisionPass({ store: this.store, cache: this.cache, ...reads }, { metadata, policy: this.options });
  }
}
