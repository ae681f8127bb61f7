import {
  type DomainEvent,
  DomainError,
  type OverspendPolicy,
  type LedgerCommand,
  type StreamState,
  type CommandRoute,
  decideCommand,
  decideTwoStreamCommand,
  evolveStream,
  initialStateFor,
  isDomainEventType,
  parseStoredEvent,
  routeCommand,
} from '@bem/domain';
import { type EventStore, type NewEvent, type RecordedEvent, type StreamWrite, WrongExpectedRevision } from '@bem/event-store';
import { type Identity, eventIdFor, firstEventsWhere, identify } from './command-identity';
import { StreamCache } from './stream-cache';
import { type BatchResult, type CommandOutcome, type RejectedCommand, commandIdConflict, countOutcomes } from './outcomes';
import type { CommandChunk, StreamOptions, StreamRejection, StreamResult } from './command-stream';

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

interface LoadedStream {
  state: StreamState;
  revision: number;
}

interface PendingWrite extends StreamWrite {
  index: number;
  expectedRevision: number | 'no_stream';
  /** The second stream a command writes (route.also): its event ids join the command's outcome. */
  secondary?: boolean;
}

/** Generous: several processes paying into one project may each lose a few races (drill: 4 writers × 300 payments). */
const MAX_ATTEMPTS = 50;
/** Jittered back-off between attempts, so racing writers spread out instead of colliding again. */
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));
const LOOKUP_CHUNK = 500;

/**
 * The one command handler every entry point uses (emmett's handleCommand, batched):
 * read stream -> fold -> decide -> append with the expected revision; on a revision conflict, read again and retry.
 * A batch is all or nothing: one rejected command and nothing of it is appended.
 */
export interface HandlerOptions {
  /** The office's overspend policy (its profile's): stop refuses a payment above the available budget, warn records it. */
  overspendPolicy?: OverspendPolicy;
}

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
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(commands, identities, options);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
        await backOff(attempt);
      }
    }
  }

  /**
   * A long input (a ledger file) decided and appended chunk by chunk, all or nothing: memory stays bounded by a chunk
   * (and the folded states of the streams it touches), whatever the length of the input.
   *
   * - On a store with `withinTransaction` (sqlite), one pass: every chunk is decided and appended inside ONE store
   *   transaction, committed at the end only if no command was refused and no chunk reported a problem; otherwise it is
   *   rolled back, after every chunk has still been decided so that every problem is reported.
   * - Otherwise (and for a dry run), a first pass decides everything and appends nothing; then, when it found no
   *   problem, a second pass over `source()` gathers the commands and appends them as ONE batch (all or nothing,
   *   with optimistic retries): such a store cannot hold a transaction across chunks.
   *
   * `source` is called once per pass and must yield the same chunks each time.
   * The cache of folded states only ever receives states of committed events.
   */
  async handleStream(source: () => AsyncIterable<CommandChunk>, options: StreamOptions = {}): Promise<StreamResult> {
    const store = this.store;
    if (!options.dryRun && store.withinTransaction) {
      const session = new DecisionSession(store, this.cache, this.options, options, true);
      try {
        await store.withinTransaction(async () => {
          for await (const chunk of source()) await session.add(chunk);
          if (!session.clean) throw ROLL_BACK;
        });
      } catch (error) {
        if (error !== ROLL_BACK) throw error;
        return session.result(false);
      }
      session.acceptIntoCache();
      return session.result(true);
    }

    const check = new DecisionSession(store, this.cache, this.options, options, false);
    for await (const chunk of source()) await check.add(chunk);
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

  private async attempt(commands: readonly LedgerCommand[], identities: readonly Identity[], options: BatchOptions): Promise<BatchResult> {
    const streams = new Map<string, LoadedStream>();
    const stored = await this.storedFirstEvents(identities);
    const seenInBatch = new Map<string, { hash: string; index: number }>();
    const outcomes: (CommandOutcome | null)[] = [];
    const rejected: RejectedCommand[] = [];
    const writes: PendingWrite[] = [];

    for (let index = 0; index < commands.length; index++) {
      const command = commands[index];
      const { hash, firstEventId } = identities[index];
      try {
        const earlier = stored.get(firstEventId);
        const inBatch = seenInBatch.get(command.id);
        if (earlier || inBatch) {
          outcomes.push(duplicateOutcome(command, hash, earlier, inBatch && outcomes[inBatch.index], inBatch?.hash));
          continue;
        }
        seenInBatch.set(command.id, { hash, index });
        const pending = decideInto(index, command, identities[index], (stream) => this.load(streams, stream), streams, writes, options, this.options);
        if (pending) await pending;
        outcomes.push(null);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        rejected.push({ index, command, error });
        outcomes.push(null);
      }
      if (options.onProgress && index % 1000 === 999) options.onProgress(index + 1, commands.length);
    }

    if (rejected.length || options.dryRun || writes.length === 0) {
      return { outcomes: fillPlanned(outcomes, writes), rejected, appended: false };
    }
    const results = await this.store.appendMany(writes);
    // The store accepted them: the evolved states now match what is stored.
    for (const write of writes) {
      const folded = streams.get(write.stream);
      if (folded) this.cache.set(write.stream, folded);
    }
    writes.forEach((write, i) => {
      const result = results[i];
      const primary = outcomes[write.index];
      if (write.secondary && primary) {
        outcomes[write.index] = { ...primary, eventIds: [...primary.eventIds, ...result.eventIds] };
        return;
      }
      outcomes[write.index] = {
        commandId: commands[write.index].id,
        status: result.written ? 'appended' : 'duplicate',
        stream: write.stream,
        eventIds: result.eventIds,
        revision: result.nextRevision,
        position: result.position,
      };
    });
    resolveInBatchDuplicates(outcomes, commands);
    options.onProgress?.(commands.length, commands.length);
    return { outcomes, rejected, appended: true };
  }

  /** The stream's state for this attempt: the cached fold caught up with what was appended since, or a full read. */
  private async load(streams: Map<string, LoadedStream>, stream: string): Promise<LoadedStream> {
    const inAttempt = streams.get(stream);
    if (inAttempt) return inAttempt;
    const loaded = await foldSince(this.store, this.cache, stream);
    this.cache.set(stream, loaded);
    streams.set(stream, loaded);
    return loaded;
  }

  /** The first event of every command already recorded, found by its deterministic id. */
  private async storedFirstEvents(identities: readonly Identity[]): Promise<Map<string, RecordedEvent>> {
    const found = new Map<string, RecordedEvent>();
    for (let start = 0; start < identities.length; start += LOOKUP_CHUNK) {
      const chunk = identities.slice(start, start + LOOKUP_CHUNK);
      for (const [id, event] of await this.store.findEvents(chunk.map((identity) => identity.firstEventId), firstEventsWhere(chunk))) found.set(id, event);
    }
    return found;
  }
}

/**
 * Decides one command on the states in `streams` (`load` fetches the ones missing): pushes its writes (each at the
 * stream's expected revision) to `writes` and its evolved states to `streams`. Throws the DomainError refusing it.
 * Awaits only when a stream it reads is not loaded yet (its first use), so that the common case stays synchronous.
 */
function decideInto(
  index: number,
  command: LedgerCommand,
  identity: Identity,
  load: (stream: string) => Promise<LoadedStream>,
  streams: Map<string, LoadedStream>,
  writes: PendingWrite[],
  metadata: CommandMetadata,
  options: HandlerOptions,
): Promise<void> | undefined {
  const route = routeCommand(command);
  const missing = missingStream(route, streams);
  if (missing === undefined) {
    decideLoaded(index, command, identity, route, streams, writes, metadata, options);
    return undefined;
  }
  return (async () => {
    for (let stream: string | undefined = missing; stream !== undefined; stream = missingStream(route, streams)) await load(stream);
    decideLoaded(index, command, identity, route, streams, writes, metadata, options);
  })();
}

/** The first stream the route reads that is not in `streams` (the department of `also` known once `also` is). */
function missingStream(route: CommandRoute, streams: Map<string, LoadedStream>): string | undefined {
  if (!streams.has(route.stream)) return route.stream;
  let departmentStream = route.lookups.department;
  if (route.also) {
    const also = streams.get(route.also.stream);
    if (!also) return route.also.stream;
    departmentStream ??= route.also.department?.(also.state);
  }
  if (departmentStream && !streams.has(departmentStream)) return departmentStream;
  if (route.lookups.counterpart && !streams.has(route.lookups.counterpart)) return route.lookups.counterpart;
  return undefined;
}

function decideLoaded(
  index: number,
  command: LedgerCommand,
  identity: Identity,
  route: CommandRoute,
  streams: Map<string, LoadedStream>,
  writes: PendingWrite[],
  metadata: CommandMetadata,
  options: HandlerOptions,
): void {
  const target = streams.get(route.stream) as LoadedStream;
  const also = route.also ? streams.get(route.also.stream) : undefined;
  const departmentStream = route.lookups.department ?? (also && route.also?.department?.(also.state));
  const lookups = {
    department: departmentStream ? streams.get(departmentStream)?.state : undefined,
    counterpart: route.lookups.counterpart ? streams.get(route.lookups.counterpart)?.state : undefined,
  };
  // Stages a stream's decided events: its write (with the expected revision) and its evolved state for later commands.
  const stage = (stream: string, loaded: LoadedStream, events: DomainEvent[], secondary = false, firstEventIndex = 0) => {
    const write = toWrite(index, stream, loaded.revision, command, identity, events, metadata, firstEventIndex);
    if (secondary) write.secondary = true;
    writes.push(write);
    let state = loaded.state;
    for (const event of events) state = evolveStream(stream, state, event);
    streams.set(stream, { state, revision: loaded.revision + events.length });
  };
  if (route.also && also) {
    // Two streams, one decision, one atomic append: each write carries its own expected revision.
    const decided = decideTwoStreamCommand(command, target.state, also.state, lookups);
    stage(route.stream, target, decided.events);
    stage(route.also.stream, also, decided.alsoEvents, true, decided.events.length);
  } else {
    stage(route.stream, target, decideCommand(command, target.state, lookups, options, route));
  }
}

function toWrite(
  index: number,
  stream: string,
  revision: number,
  command: LedgerCommand,
  identity: Identity,
  events: DomainEvent[],
  options: CommandMetadata,
  /** Event ids continue after the first stream's when a command writes a second one. */
  firstEventIndex = 0,
): PendingWrite {
  const metadata = {
    commandId: command.id,
    commandHash: identity.hash,
    actor: options.actor ?? 'system',
    source: options.source ?? 'unknown',
    correlationId: options.correlationId ?? command.id,
    causationId: command.id,
    ...(command.recordedAt ? { originalRecordedAt: command.recordedAt } : {}),
  };
  const newEvents: NewEvent[] = events.map((event, i) => ({
    id: i === 0 && firstEventIndex === 0 ? identity.firstEventId : eventIdFor(command.id, firstEventIndex + i),
    type: event.type,
    data: event.data,
    metadata,
    recordedAt: options.migrate ? command.recordedAt : undefined,
  }));
  return { index, stream, events: newEvents, expectedRevision: revision === -1 ? 'no_stream' : revision };
}

function duplicateOutcome(
  command: LedgerCommand,
  hash: string,
  stored: RecordedEvent | undefined,
  earlierInBatch: CommandOutcome | null | undefined,
  earlierHash: string | undefined,
): CommandOutcome {
  const storedHash = stored ? (stored.metadata.commandHash as string | undefined) : earlierHash;
  if (storedHash !== hash) throw commandIdConflict(command.id);
  if (stored) {
    return {
      commandId: command.id,
      status: 'duplicate',
      stream: stored.stream,
      eventIds: [stored.id],
      revision: stored.revision,
      position: stored.position,
    };
  }
  // Same command twice in one batch: resolved once the first copy is appended.
  return earlierInBatch ?? { commandId: command.id, status: 'duplicate', stream: '', eventIds: [], revision: -1, position: 0 };
}

/** In a dry run or a rejected batch, outcomes say what would have been appended (positions unknown). */
function fillPlanned(outcomes: (CommandOutcome | null)[], writes: PendingWrite[]): (CommandOutcome | null)[] {
  for (const write of writes) {
    const primary = outcomes[write.index];
    if (write.secondary && primary) {
      outcomes[write.index] = { ...primary, eventIds: [...primary.eventIds, ...write.events.map((event) => event.id)] };
      continue;
    }
    const revision = typeof write.expectedRevision === 'number' ? write.expectedRevision : -1;
    outcomes[write.index] = {
      commandId: String(write.events[0]?.metadata?.commandId ?? ''),
      status: 'appended',
      stream: write.stream,
      eventIds: write.events.map((event) => event.id),
      revision: revision + write.events.length,
      position: 0,
    };
  }
  return outcomes;
}

function resolveInBatchDuplicates(outcomes: (CommandOutcome | null)[], commands: readonly LedgerCommand[]): void {
  const byId = new Map<string, CommandOutcome>();
  outcomes.forEach((outcome, i) => {
    if (!outcome) return;
    if (outcome.stream === '') {
      const first = byId.get(commands[i].id);
      if (first) outcomes[i] = { ...first, status: 'duplicate' };
    } else if (!byId.has(outcome.commandId)) byId.set(outcome.commandId, outcome);
  });
}

/** Thrown inside withinTransaction to roll back a stream that had a problem. */
const ROLL_BACK = Symbol('roll back');

/** A stream's folded state: the cached fold caught up with what was appended since, or a full read (the cache is left as is). */
async function foldSince(store: EventStore, cache: StreamCache, stream: string): Promise<LoadedStream> {
  const cached = cache.get(stream);
  let state = cached?.state ?? initialStateFor(stream);
  let revision = cached?.revision ?? -1;
  for (const event of await store.readStream(stream, { fromRevision: revision + 1 })) {
    // Stored events are parsed, never cast; types other deciders own (monitoring) reach their own evolve as read.
    state = evolveStream(stream, state, isDomainEventType(event.type) ? parseStoredEvent(event) : (event as unknown as DomainEvent));
    revision = event.revision;
  }
  return { state, revision };
}

/**
 * The decisions of one pass of handleStream. `append`: each chunk's writes are appended (inside the caller's store
 * transaction), so commands of earlier chunks are found in the store; otherwise nothing is appended and the ids of
 * the commands already seen in the stream are kept here.
 */
class DecisionSession {
  /** Folded states as of this pass (the transaction's own writes included): never put into the cache before the commit. */
  private readonly streams = new Map<string, LoadedStream>();
  /** Commands of the stream not in the store: the current chunk's when appending, every one otherwise. */
  private seen = new Map<string, string>();
  private readonly rejected: StreamRejection[] = [];
  private problems = 0;
  private commands = 0;
  private appended = 0;
  private duplicates = 0;
  private events = 0;

  constructor(
    private readonly store: EventStore,
    private readonly cache: StreamCache,
    private readonly handlerOptions: HandlerOptions,
    private readonly options: StreamOptions,
    private readonly append: boolean,
  ) {}

  get clean(): boolean {
    return this.rejected.length === 0 && this.problems === 0;
  }

  async add(chunk: CommandChunk): Promise<void> {
    const { commands } = chunk;
    this.problems += chunk.problems ?? 0;
    const identities = chunk.identities ?? commands.map(identify);
    const stored = commands.length ? await this.store.findEvents(identities.map((identity) => identity.firstEventId), firstEventsWhere(identities)) : new Map<string, RecordedEvent>();
    if (this.append) this.seen = new Map();
    const writes: PendingWrite[] = [];
    const load = (stream: string) => this.load(stream);
    for (let index = 0; index < commands.length; index++) {
      const command = commands[index];
      const identity = identities[index];
      try {
        const earlier = stored.get(identity.firstEventId);
        const earlierHash = earlier ? (earlier.metadata.commandHash as string | undefined) : this.seen.get(command.id);
        if (earlier || earlierHash !== undefined) {
          if (earlierHash !== identity.hash) throw commandIdConflict(command.id);
          this.duplicates++;
          continue;
        }
        this.seen.set(command.id, identity.hash);
        const pending = decideInto(index, command, identity, load, this.streams, writes, this.options, this.handlerOptions);
        if (pending) await pending;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.rejected.push({ ref: chunk.refs?.[index] ?? this.commands + index, command, error });
      }
    }
    this.commands += commands.length;

    if (this.append && writes.length) {
      const results = await this.store.appendMany(writes);
      for (let i = 0; i < writes.length; i++) {
        const result = results[i];
        if (result.written) this.events += result.eventIds.length;
        if (writes[i].secondary) continue;
        if (result.written) this.appended++;
        else this.duplicates++;
      }
    } else {
      for (const write of writes) {
        this.events += write.events.length;
        if (!write.secondary) this.appended++;
      }
    }
    this.options.onProgress?.(this.commands);
  }

  /** The stream's state in this pass: decided here already, or the cached fold caught up with the store, or a full read. */
  private async load(stream: string): Promise<LoadedStream> {
    const inPass = this.streams.get(stream);
    if (inPass) return inPass;
    const loaded = await foldSince(this.store, this.cache, stream);
    this.streams.set(stream, loaded);
    return loaded;
  }

  /** After the commit: the states of this pass are what is stored. */
  acceptIntoCache(): void {
    for (const [stream, folded] of this.streams) this.cache.set(stream, folded);
  }

  result(committed: boolean): StreamResult {
    return {
      commands: this.commands,
      appended: this.appended,
      duplicates: this.duplicates,
      events: this.events,
      rejected: this.rejected,
      problems: this.problems,
      committed,
    };
  }
}
