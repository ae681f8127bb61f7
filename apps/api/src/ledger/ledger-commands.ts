import { Inject } from '@nestjs/common';
import { Command, CommandHandler as HandlesCommand, type ICommandHandler } from '@nestjs/cqrs';
import type { BatchOptions, BatchResult, CommandMetadata, CommandOutcome } from '@bem/commands';
import type { LedgerCommand } from '@bem/domain';
import type { ApiRuntime } from '../api-runtime';
import { API_RUNTIME } from '../tokens';

/** One validated ledger command, to be decided and appended by the generic command handler. */
export class SubmitLedgerCommand extends Command<CommandOutcome> {
  constructor(
    readonly command: LedgerCommand,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

/** A validated ledger file: all of it or nothing. */
export class ImportLedgerBatch extends Command<BatchResult> {
  constructor(
    readonly commands: LedgerCommand[],
    readonly options: BatchOptions,
  ) {
    super();
  }
}

@HandlesCommand(SubmitLedgerCommand)
export class SubmitLedgerCommandHandler implements ICommandHandler<SubmitLedgerCommand> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  execute({ command, metadata }: SubmitLedgerCommand): Promise<CommandOutcome> {
    return this.runtime.handler.handle(command, metadata);
  }
}

@HandlesCommand(ImportLedgerBatch)
export class ImportLedgerBatchHandler implements ICommandHandler<ImportLedgerBatch> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  execute({ commands, options }: ImportLedgerBatch): Promise<BatchResult> {
    return this.runtime.handler.handleBatch(commands, options);
  }
}
