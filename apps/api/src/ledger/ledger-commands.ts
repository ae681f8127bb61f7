import { Inject } from '@nestjs/common';
import { Command, CommandHandler as HandlesCommand, type ICommandHandler } from '@nestjs/cqrs';
import type { BatchOptions, BatchResult, CommandMetadata, CommandOutcome } from '@bem/commands';
import { type CommandOf, DomainError, type LedgerCommand } from '@bem/domain';
import { officeProfile } from '@bem/monitoring';
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

  async execute({ command, metadata }: SubmitLedgerCommand): Promise<CommandOutcome> {
    try {
      return await this.runtime.handler.handle(command, metadata);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'EXCEEDS_AVAILABLE_BUDGET' && command.command === 'RecordPayment') {
        // The alert must never replace the clerk's 409: a failure to raise it is reported, not thrown.
        await this.alertRefusal(command, error, metadata.actor ?? 'api').catch((failure: unknown) =>
          process.stderr.write(`超预算预警未能记录 / could not record the overspend alert: ${String(failure)}\n`),
        );
      }
      throw error;
    }
  }

  /** 超预算支付被拒 reaches the manager as an alert (once per project and month); the clerk still gets the 409. */
  private async alertRefusal(command: CommandOf<'RecordPayment'>, error: DomainError, actor: string): Promise<void> {
    const project = await this.runtime.progress.project(command.projectId).catch(() => null);
    if (!project) return;
    const figures = error.details as Record<string, string>;
    await this.runtime.alerts.recordRefusedPayment({
      departmentCode: project.department.code,
      fiscalYear: project.fiscalYear,
      projectId: command.projectId,
      paymentId: command.paymentId,
      occurredOn: command.occurredOn,
      requested: figures.requested,
      available: figures.available,
      budget: figures.budget,
      paid: figures.paid,
      actor,
    }, officeProfile().name);
  }
}

@HandlesCommand(ImportLedgerBatch)
export class ImportLedgerBatchHandler implements ICommandHandler<ImportLedgerBatch> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  execute({ commands, options }: ImportLedgerBatch): Promise<BatchResult> {
    return this.runtime.handler.handleBatch(commands, options);
  }
}
