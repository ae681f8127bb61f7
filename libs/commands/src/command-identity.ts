import * as crypto from 'node:crypto';
import { type LedgerCommand, routeCommand } from '@bem/domain';
import { nameBasedIds } from '@bem/event-store';

/** Fixed namespace: the same command id always yields the same event ids, so a retried command is recognised. */
export const EVENT_ID_NAMESPACE = '6f2d3b0e-8a51-4c1e-9a7e-3c5b2d1f0a44';
const eventIds = nameBasedIds(EVENT_ID_NAMESPACE);

/** The v5 UUID of `${commandId}#${index}`: the id of the command's index-th event. */
export const eventIdFor = (commandId: string, index: number): string => eventIds(`${commandId}#${index}`);

/** Hash of the validated command (zod output: schema key order, amounts normalised), to tell a retry from a reused id. */
export const commandHash = (command: LedgerCommand): string => sha256Base64url(JSON.stringify(command)).slice(0, 32);

/** node ≥ 20.12 hashes a string in one call (half the CPU of createHash for an import's 100k commands); older ones go through createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;
const sha256Base64url = (text: string): string =>
  oneShot ? oneShot('sha256', text, 'base64url') : crypto.createHash('sha256').update(text).digest('base64url');

/** What makes a command recognisable when it comes again: its content hash, its first event's id and where it is. */
export interface Identity {
  hash: string;
  firstEventId: string;
  /** The streams the command writes (its first event is in one of them): where `findEvents` looks for it. */
  streams: string[];
}

/** The streams a command writes: its route's one or two. */
export function commandStreams(command: LedgerCommand): string[] {
  const route = routeCommand(command);
  return route.also ? [route.stream, route.also.stream] : [route.stream];
}

export const identify = (command: LedgerCommand): Identity => ({ hash: commandHash(command), firstEventId: eventIdFor(command.id, 0), streams: commandStreams(command) });

/** `findEvents` of the first events of these commands. */
export const firstEventsWhere = (identities: readonly Identity[]) => ({ streams: identities.flatMap((identity) => identity.streams) });
