import { createHash } from 'node:crypto';
import type { LedgerCommand } from '@bem/domain';

/** Fixed namespace: the same command id always yields the same event ids, so a retried command is recognised. */
export const EVENT_ID_NAMESPACE = '6f2d3b0e-8a51-4c1e-9a7e-3c5b2d1f0a44';
const NAMESPACE_BYTES = Buffer.from(EVENT_ID_NAMESPACE.replace(/-/g, ''), 'hex');

/**
 * RFC 4122 name-based (v5, SHA-1) UUID of `${commandId}#${index}`. Written against node:crypto rather than
 * the uuid package because it runs once per imported command and the package's string handling tripled the cost;
 * a test checks it yields exactly what uuid's v5 does.
 */
export function eventIdFor(commandId: string, index: number): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(`${commandId}#${index}`, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Hash of the validated command (zod output: schema key order, amounts normalised), to tell a retry from a reused id. */
export const commandHash = (command: LedgerCommand): string =>
  createHash('sha256').update(JSON.stringify(command)).digest('base64url').slice(0, 32);

/** What makes a command recognisable when it comes again: its content hash and its first event's id. */
export interface Identity {
  hash: string;
  firstEventId: string;
}

export const identify = (command: LedgerCommand): Identity => ({ hash: commandHash(command), firstEventId: eventIdFor(command.id, 0) });
