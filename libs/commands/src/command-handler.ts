import {
  type DomainEvent,
  DomainError,
  type OverspendPolicy,
  type LedgerCommand,
  type StreamState,
  decideCommand,
  decideTwoStreamCommand,
  evolveStream,
  initialStateFor,
  routeCommand,
} from '@bem/domain';
import { type EventStore, type NewEvent, type RecordedEvent, type StreamWrite, WrongExpectedRevision } from '@bem/event-store';
import { commandHash, eventIdFor } from './command-identity';
import { StreamCache } from './stream-cache';
import { type BatchResult, type CommandOutcome, type RejectedCommand, commandIdConflict } from './outcomes';

export interface CommandMetadata {
  actor?: string;
  /** Entry point: cli-import, api, worker … */
  source?: string;
  correlationId?: string;
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
        const route = routeCommand(command);
        const target = await this.load(streams, route.stream);
        const also = route.also ? await this.load(streams, route.also.stream) : undefined;
        const departmentStream = route.lookups.department ?? (also && route.also?.department?.(also.state));
        const lookups = {
          department: departmentStream ? (await this.load(streams, departmentStream)).state : undefined,
          counterpart: route.lookups.counterpart ? (await this.load(streams, route.lookups.counterpart)).state : undefined,
        };
        // Stages a stream's decided events: its write (with the expected revision) and its evolved state for later commands.
        const stage = (stream: string, loaded: LoadedStream, events: DomainEvent[], secondary = false, firstEventIndex = 0) => {
          writes.push({ ...toWrite(index, stream, loaded.revision, command, identities[index], events, options, firstEventIndex), secondary });
          streams.set(stream, {
            state: events.reduce((state, event) => evolveStream(stream, state, event), loaded.state),
            revision: loaded.revision + events.length,
          });
        };
        if (route.also && also) {
          // Two streams, one decision, one atomic append: each write carries its own expected revision.
          const decided = decideTwoStreamCommand(command, target.state, also.state, lookups);
          stage(route.stream, target, decided.events);
          stage(route.also.stream, also, decided.alsoEvents, true, decided.events.length);
        } else {
          stage(route.stream, target, decideCommand(command, target.state, lookups, this.options));
        }
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
    const cached = this.cache.get(stream);
    let state = cached?.state ?? initialStateFor(stream);
    let revision = cached?.revision ?? -1;
    for (const event of await this.store.readStream(stream, { fromRevision: revision + 1 })) {
      state = evolveStream(stream, state, event as unknown as DomainEvent);
      revision = event.revision;
    }
    const loaded = { state, revision };
    this.cache.set(stream, loaded);
    streams.set(stream, loaded);
    return loaded;
  }

  /** The first event of every command already recorded, found by its deterministic id. */
  private async storedFirstEvents(identities: readonly Identity[]): Promise<Map<string, RecordedEvent>> {
    const found = new Map<string, RecordedEvent>();
    for (let start = 0; start < identities.length; start += LOOKUP_CHUNK) {
      const ids = identities.slice(start, start + LOOKUP_CHUNK).map((identity) => identity.firstEventId);
      for (const [id, event] of await this.store.findEvents(ids)) found.set(id, event);
    }
    return found;
  }
}

/** What makes a command recognisable when it comes again: its content hash and its first event's id. */
interface Identity {
  hash: string;
  firstEventId: string;
}

const identify = (command: LedgerCommand): Identity => ({ hash: commandHash(command), firstEventId: eventIdFor(command.id, 0) });

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
  };
  const newEvents: NewEvent[] = events.map((event, i) => ({
    id: i === 0 && firstEventIndex === 0 ? identity.firstEventId : eventIdFor(command.id, firstEventIndex + i),
    type: event.type,
    data: event.data,
    metadata,
    recordedAt: command.recordedAt,
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
