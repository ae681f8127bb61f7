import { DomainError, type LedgerCommand } from '@bem/domain';

export interface CommandOutcome {
  commandId: string;
  /** appended: new events written; duplicate: the same command was already recorded, nothing written. */
  status: 'appended' | 'duplicate';
  stream: string;
  eventIds: string[];
  /** The stream's revision after this command's events. */
  revision: number;
  position: number;
}

export interface RejectedCommand {
  /** Index of the command in the batch. */
  index: number;
  command: LedgerCommand;
  error: DomainError;
}

export interface BatchResult {
  outcomes: (CommandOutcome | null)[];
  rejected: RejectedCommand[];
  /** True when nothing was appended: a dry run, or a batch with a rejected command. */
  appended: boolean;
}

export const commandIdConflict = (commandId: string) =>
  new DomainError(
    'COMMAND_ID_CONFLICT',
    'id',
    `命令编号 ${commandId} 已用于另一条内容不同的记录`,
    `command id ${commandId} was already used for a command with different content`,
    { commandId },
  );

export interface OutcomeCounts {
  /** Commands whose events were (or, in a dry run, would be) appended. */
  appended: number;
  /** Commands already recorded earlier: skipped, nothing written. */
  duplicates: number;
  events: number;
}

export function countOutcomes(result: BatchResult): OutcomeCounts {
  const counts: OutcomeCounts = { appended: 0, duplicates: 0, events: 0 };
  for (const outcome of result.outcomes) {
    if (outcome?.status === 'appended') {
      counts.appended++;
      counts.events += outcome.eventIds.length;
    } else if (outcome?.status === 'duplicate') counts.duplicates++;
  }
  return counts;
}
