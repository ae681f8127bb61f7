import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { LedgerCommand } from '@bem/domain';

/** Fixed namespace: the same command id always yields the same event ids, so a retried command is recognised. */
const EVENT_ID_NAMESPACE = '6f2d3b0e-8a51-4c1e-9a7e-3c5b2d1f0a44';

export const eventIdFor = (commandId: string, index: number): string => uuidv5(`${commandId}#${index}`, EVENT_ID_NAMESPACE);

/** Hash of the validated command (zod output: schema key order, amounts normalised), to tell a retry from a reused id. */
export const commandHash = (command: LedgerCommand): string =>
  createHash('sha256').update(JSON.stringify(command)).digest('base64url').slice(0, 32);
