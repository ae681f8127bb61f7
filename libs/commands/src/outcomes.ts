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
