import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler, type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AlertList, AlertRow, AlertView, CheckpointReport } from '@bem/monitoring';
import type { ApiRuntime } from '../api-runtime';
import { API_RUNTIME } from '../tokens';

/** The `bem checkpoints --json` document, computed without appending (reads never write; the scheduler does). */
export class GetCheckpoints extends Query<CheckpointReport> {
  constructor(
    readonly departmentCode: string,
    readonly fiscalYear: number,
    readonly profile: string | undefined,
    /** 截至 / 按当时登记: only checkpoints dated ≤ asOf, as evaluated by knownAt (stored evaluations only) */
    readonly view: { asOf?: string; knownAt?: string } = {},
  ) {
    super();
  }
}

export class GetAlerts extends Query<AlertList> {
  constructor(
    readonly departmentCode: string,
    readonly fiscalYear: number,
    /** 截至 / 按当时登记: alerts of checkpoints dated ≤ asOf, as recorded by knownAt */
    readonly view: AlertView = {},
  ) {
    super();
  }
}

export class AcknowledgeAlert extends Command<AlertRow> {
  constructor(
    readonly alertId: string,
    readonly actor: string,
  ) {
    super();
  }
}

export class DisposeAlert extends Command<AlertRow> {
  constructor(
    readonly alertId: string,
    readonly disposition: string,
    readonly actor: string,
    readonly note: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetCheckpoints)
export class GetCheckpointsHandler implements IQueryHandler<GetCheckpoints> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  execute({ departmentCode, fiscalYear, profile, view }: GetCheckpoints): Promise<CheckpointReport> {
    if (view.asOf || view.knownAt) return this.runtime.checkpoints.recorded(departmentCode, fiscalYear, profile, view);
    return this.runtime.checkpoints.evaluate(departmentCode, fiscalYear, profile, { dryRun: true });
  }
}

@QueryHandler(GetAlerts)
export class GetAlertsHandler implements IQueryHandler<GetAlerts> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  execute({ departmentCode, fiscalYear, view }: GetAlerts): Promise<AlertList> {
    return this.runtime.alerts.list(departmentCode, fiscalYear, view);
  }
}

@CommandHandler(AcknowledgeAlert)
export class AcknowledgeAlertHandler implements ICommandHandler<AcknowledgeAlert> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  execute({ alertId, actor }: AcknowledgeAlert): Promise<AlertRow> {
    return this.runtime.alerts.acknowledge(alertId, actor);
  }
}

@CommandHandler(DisposeAlert)
export class DisposeAlertHandler implements ICommandHandler<DisposeAlert> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  execute({ alertId, disposition, actor, note }: DisposeAlert): Promise<AlertRow> {
    return this.runtime.alerts.dispose(alertId, disposition, actor, note);
  }
}
