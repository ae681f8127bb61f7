import { type EventStore, type ExpectedRevision, type RecordedEvent, type StreamWrite, DuplicateEventId, WrongExpectedRevision } from '@bem/event-store';
import type { CommandMetadata } from './handler-options';
import { expectedAfter } from './stream-fold';

/** An event a decider decided, with its deterministic id (a retried decision writes the same ids). */
export interface DecidedEvent {
  id: string;
  type: string;
  data: unknown;
}

export interface StreamDecision {
  /** Events of the decided stream, appended at the revision its state was folded to. */
  events: DecidedEvent[];
  /** Events of other streams (an index) written in the same atomic append, each at the revision it is at. */
  also: { stream: string; events: DecidedEvent[] }[];
}

/**
 * A pure decider of one stream (emmett's Decider) that is not a ledger stream: monitoring. The handler reads the
 * stream, folds it, looks up the stored event ids the decision asks about, decides, and appends.
 */
export interface StreamDecider<Command, State> {
  initialState: () => State;
  evolve: (state: State, event: RecordedEvent) => State;
  /** The whole stream folded at once, equal to reducing `evolve` over it (a decider whose state copies per event folds long streams in linear time). */
  fold?: (events: readonly RecordedEvent[]) => State;
  /** Events outside the stream whose presence the decision depends on, each id with the stream it goes to (looked up there). */
  lookups: (command: Command, state: State) => readonly { id: string; stream: string }[];
  /** Throws the DomainError refusing the command. `stored`: which of `lookups` are stored. */
  decide: (command: Command, state: State, stored: ReadonlySet<string>) => StreamDecision;
}

export interface DeciderRun<Command> {
  stream: string;
  /**
   * The command, made once per attempt: inputs computed from other streams (a checkpoint's figures) are then as
   * fresh as the state the decision is checked against.
   */
  command: () => Command | Promise<Command>;
  metadata: CommandMetadata;
  /** Decide, append nothing. */
  dryRun?: boolean;
}

export interface DeciderOutcome<Command, State> {
  command: Command;
  /** The stream's state the decision was made on, and its revision (-1: no events). */
  state: State;
  revision: number;
  decision: StreamDecision;
  /** False for a dry run, or a decision with nothing to write. */
  appended: boolean;
}

/** One attempt: read, fold, decide, append at the expected revisions. A lost race throws WrongExpectedRevision. */
export async function decideOnStream<Command, State>(store: EventStore, decider: StreamDecider<Command, State>, run: DeciderRun<Command>): Promise<DeciderOutcome<Command, State>> {
  const events = await store.readStream(run.stream);
  const state = decider.fold ? decider.fold(events) : events.reduce((folded, event) => decider.evolve(folded, event), decider.initialState());
  const revision = events.length ? events[events.length - 1].revision : -1;
  const command = await run.command();
  const refs = decider.lookups(command, state);
  const stored = refs.length ? new Set((await store.findEvents(refs.map((ref) => ref.id), { streams: refs.map((ref) => ref.stream) })).keys()) : new Set<string>();
  const decision = decider.decide(command, state, stored);
  if (run.dryRun) return { command, state, revision, decision, appended: false };
  const writes = await writesOf(store, run, revision, decision);
  if (writes.length) await appendChecked(store, writes);
  return { command, state, revision, decision, appended: writes.length > 0 };
}

async function writesOf(store: EventStore, run: DeciderRun<unknown>, revision: number, decision: StreamDecision): Promise<StreamWrite[]> {
  const metadata = { actor: run.metadata.actor ?? 'system', source: run.metadata.source ?? 'unknown', ...(run.metadata.correlationId ? { correlationId: run.metadata.correlationId } : {}) };
  const write = (stream: string, events: DecidedEvent[], expectedRevision: ExpectedRevision): StreamWrite => ({
    stream,
    events: events.map((event) => ({ ...event, metadata })),
    expectedRevision,
  });
  const writes = decision.events.length ? [write(run.stream, decision.events, expectedAfter(revision))] : [];
  // One write per stream: two writes of one stream in one append would each expect the revision before both.
  const others = new Map<string, DecidedEvent[]>();
  for (const other of decision.also) others.set(other.stream, [...(others.get(other.stream) ?? []), ...other.events]);
  for (const [stream, events] of others) {
    if (events.length) writes.push(write(stream, events, expectedAfter(await store.streamRevision(stream))));
  }
  return writes;
}

/**
 * The store checks ids before revisions: a writer that got there first with the same deterministic ids (another
 * evaluation of the same checkpoint) shows up as a DuplicateEventId. When a written stream moved, it is the race
 * it is, a revision conflict; otherwise a real duplicate, thrown as is.
 */
async function appendChecked(store: EventStore, writes: StreamWrite[]): Promise<void> {
  try {
    await store.appendMany(writes);
  } catch (error) {
    if (!(error instanceof DuplicateEventId)) throw error;
    for (const { stream, expectedRevision } of writes) {
      const actual = await store.streamRevision(stream);
      if (actual !== (expectedRevision === 'no_stream' ? -1 : expectedRevision)) throw new WrongExpectedRevision(stream, expectedRevision ?? 'any', actual);
    }
    throw error;
  }
}
