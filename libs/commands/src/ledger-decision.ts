import { type CommandRoute, type DomainEvent, type LedgerCommand, decideCommand, decideTwoStreamCommand, evolveStream, routeCommand } from '@bem/domain';
import type { ExpectedRevision, NewEvent, StreamWrite } from '@bem/event-store';
import { type Identity, eventIdFor } from './command-identity';
import type { CommandMetadata, HandlerOptions } from './handler-options';
import type { FoldedStream } from './stream-cache';
import { expectedAfter } from './stream-fold';

/** One stream's decided events, to be appended at the revision its state was folded to. */
export interface PendingWrite extends StreamWrite {
  /** The command's index in the decided chunk. */
  index: number;
  expectedRevision: ExpectedRevision;
  /** The revision the stream was at when decided (-1: no events yet). */
  readRevision: number;
  /** The second stream a command writes (route.also): its event ids join the command's outcome. */
  secondary: boolean;
}

/** A command with its place in the chunk and what makes it recognisable. */
export interface PlacedCommand {
  index: number;
  command: LedgerCommand;
  identity: Identity;
}

/** The states a decision reads (`load` fetches the ones missing) and the writes it adds to. */
export interface DecisionScope {
  streams: Map<string, FoldedStream>;
  load: (stream: string) => Promise<FoldedStream>;
  writes: PendingWrite[];
}

/** The same for every command of a pass: the events' metadata and the office's policy. */
export interface DecisionRules {
  metadata: CommandMetadata;
  policy: HandlerOptions;
}

/**
 * Decides one ledger command on the states in `scope.streams`: pushes its writes (each at the stream's expected
 * revision) and its evolved states. Throws the DomainError refusing it. Awaits only when a stream it reads is not
 * loaded yet (its first use), so that the common case of an import stays synchronous.
 */
export function decideInto(placed: PlacedCommand, scope: DecisionScope, rules: DecisionRules): Promise<void> | undefined {
  const route = routeCommand(placed.command);
  if (missingStream(route, scope.streams) === undefined) {
    decideLoaded(placed, route, scope, rules);
    return undefined;
  }
  return (async () => {
    for (let stream = missingStream(route, scope.streams); stream !== undefined; stream = missingStream(route, scope.streams)) await scope.load(stream);
    decideLoaded(placed, route, scope, rules);
  })();
}

/** The first stream the route reads that is not in `streams` (the department of `also` known once `also` is). */
function missingStream(route: CommandRoute, streams: Map<string, FoldedStream>): string | undefined {
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

function decideLoaded(placed: PlacedCommand, route: CommandRoute, scope: DecisionScope, rules: DecisionRules): void {
  const { command } = placed;
  const { streams } = scope;
  const target = streams.get(route.stream) as FoldedStream;
  const also = route.also ? streams.get(route.also.stream) : undefined;
  const departmentStream = route.lookups.department ?? (also && route.also?.department?.(also.state));
  const lookups = {
    department: departmentStream ? streams.get(departmentStream)?.state : undefined,
    counterpart: route.lookups.counterpart ? streams.get(route.lookups.counterpart)?.state : undefined,
  };
  // Stages a stream's decided events: its write (with the expected revision) and its evolved state for later commands.
  const stage = (stream: string, loaded: FoldedStream, events: DomainEvent[], secondary: { firstEventIndex: number } | null) => {
    scope.writes.push(toWrite(placed, stream, loaded.revision, events, rules.metadata, secondary));
    let state = loaded.state;
    for (const event of events) state = evolveStream(stream, state, event);
    streams.set(stream, { state, revision: loaded.revision + events.length });
  };
  if (route.also && also) {
    // Two streams, one decision, one atomic append: each write carries its own expected revision.
    const decided = decideTwoStreamCommand(command, target.state, also.state, lookups);
    stage(route.stream, target, decided.events, null);
    stage(route.also.stream, also, decided.alsoEvents, { firstEventIndex: decided.events.length });
  } else {
    stage(route.stream, target, decideCommand(command, target.state, lookups, rules.policy, route), null);
  }
}

/** `secondary`: the second stream of a two-stream command, whose event ids continue after the first stream's. */
function toWrite(placed: PlacedCommand, stream: string, revision: number, events: DomainEvent[], options: CommandMetadata, secondary: { firstEventIndex: number } | null): PendingWrite {
  const { command, identity } = placed;
  const metadata = {
    commandId: command.id,
    commandHash: identity.hash,
    actor: options.actor ?? 'system',
    source: options.source ?? 'unknown',
    correlationId: options.correlationId ?? command.id,
    causationId: command.id,
    ...(command.recordedAt ? { originalRecordedAt: command.recordedAt } : {}),
  };
  const firstEventIndex = secondary?.firstEventIndex ?? 0;
  const newEvents: NewEvent[] = events.map((event, i) => ({
    id: i === 0 && secondary === null ? identity.firstEventId : eventIdFor(command.id, firstEventIndex + i),
    type: event.type,
    data: event.data,
    metadata,
    recordedAt: options.migrate ? command.recordedAt : undefined,
  }));
  return { index: placed.index, stream, events: newEvents, expectedRevision: expectedAfter(revision), readRevision: revision, secondary: secondary !== null };
}
