import type { EventStore } from '@bem/event-store';
import { identify } from './command-identity';
import type { CommandChunk, StreamOptions, StreamRejection, StreamResult } from './command-stream';
import { type ChunkDecisions, DecisionPass } from './decision-pass';

/** Thrown inside withinTransaction so that a stream with a problem is rolled back. */
class RollBack extends Error {}

/** The counts of a stream's pass over its chunks. */
export class StreamTally {
  private readonly rejected: StreamRejection[] = [];
  private problems = 0;
  private commands = 0;
  private appended = 0;
  private duplicates = 0;
  private events = 0;

  get clean(): boolean {
    return this.rejected.length === 0 && this.problems === 0;
  }

  /** A chunk's decisions; `results` when its writes were appended (the store says which it had already). */
  add(chunk: CommandChunk, decisions: ChunkDecisions, results?: readonly { written: boolean; eventIds: string[] }[]): void {
    this.problems += chunk.problems ?? 0;
    for (const { index, command, error } of decisions.refused) this.rejected.push({ ref: chunk.refs?.[index] ?? this.commands + index, command, error });
    this.duplicates += decisions.duplicates.length;
    decisions.writes.forEach((write, i) => {
      const written = results ? results[i].written : true;
      if (written) this.events += write.events.length;
      if (write.secondary) return;
      if (written) this.appended++;
      else this.duplicates++;
    });
    this.commands += chunk.commands.length;
  }

  get decided(): number {
    return this.commands;
  }

  result(committed: boolean): StreamResult {
    const { commands, appended, duplicates, events, rejected, problems } = this;
    return { commands, appended, duplicates, events, rejected, problems, committed };
  }
}

/** Decides every chunk of `source()` in one pass; `append`: each chunk's writes go to the store as it is decided. */
export async function passOver(
  store: EventStore,
  pass: DecisionPass,
  source: () => AsyncIterable<CommandChunk>,
  options: StreamOptions & { append: boolean },
  tally = new StreamTally(),
): Promise<StreamTally> {
  for await (const chunk of source()) {
    const decisions = await pass.decide(chunk.commands, chunk.identities ?? chunk.commands.map(identify));
    if (options.append && decisions.writes.length) {
      tally.add(chunk, decisions, await store.appendMany(decisions.writes));
    } else tally.add(chunk, decisions);
    // Appended in the transaction: the store recognises those commands from now on.
    if (options.append) pass.forgetSeen();
    options.onProgress?.(tally.decided);
  }
  return tally;
}

/**
 * On a store with `withinTransaction` (sqlite): one pass, every chunk decided and appended inside ONE store
 * transaction, committed at the end only if no command was refused and no chunk reported a problem; otherwise
 * rolled back, after every chunk has still been decided so that every problem is reported.
 */
export async function passInTransaction(
  store: EventStore,
  transaction: (fn: () => Promise<void>) => Promise<void>,
  pass: DecisionPass,
  source: () => AsyncIterable<CommandChunk>,
  options: StreamOptions,
): Promise<StreamResult> {
  const tally = new StreamTally();
  try {
    await transaction(async () => {
      await passOver(store, pass, source, { ...options, append: true }, tally);
      if (!tally.clean) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return tally.result(false);
  }
  pass.acceptIntoCache();
  return tally.result(true);
}
