import type { DomainError, LedgerCommand } from '@bem/domain';
import type { OutcomeCounts } from './outcomes';
import type { Identity } from './command-identity';

/** One part of a long input (a ledger file read chunk by chunk), in input order. */
export interface CommandChunk {
  commands: readonly LedgerCommand[];
  /** The caller's reference of each command (its line in the file), echoed in rejections; default its index in the stream. */
  refs?: readonly number[];
  /** Problems the caller found in this part before it became commands (unparseable lines): any, and nothing is appended. */
  problems?: number;
  /** Precomputed identities (commandIdentity) of `commands`, e.g. by a parsing worker. */
  identities?: readonly Identity[];
}

/** A command the domain refused, named by its ref. */
export interface StreamRejection {
  ref: number;
  command: LedgerCommand;
  error: DomainError;
}

export interface StreamResult extends OutcomeCounts {
  /** Commands read from the stream. */
  commands: number;
  rejected: StreamRejection[];
  /** Problems the chunks reported (their `problems`). */
  problems: number;
  /** True when the stream's events are stored (committed): no rejection, no problem, not a dry run. */
  committed: boolean;
}

export interface StreamOptions {
  actor?: string;
  source?: string;
  correlationId?: string;
  /** See CommandMetadata.migrate: the lines' recordedAt become the known-at instants. */
  migrate?: boolean;
  /** Decide everything, append nothing. */
  dryRun?: boolean;
  /** Commands decided so far. */
  onProgress?: (done: number) => void;
}
