import type { EventStore } from '@bem/event-store';
import { CheckpointService, loadProfile } from '@bem/monitoring';
import { type ProgressProjection } from '@bem/read-models';
import type { StatedFigure } from './consistency/stated-figures';
import { buildReport } from './model/build-report';
import type { EvaluationView } from './model/known-at';
import { readDepartmentYear } from './model/read-department';
import type { EvaluationReport } from './model/report';
import { loadScoringProfile } from './profiles/load-scoring-profile';
import type { ScoringProfile } from './profiles/scoring-profile';
import { type RenderFormat, type Rendered, renderReport } from './render/render';

export interface EvaluateRequest extends EvaluationView {
  /** extra stated figures to check (besides the RecordStatedFigure events) */
  stated?: StatedFigure[];
  /** the evaluation instant (default now): checkpoints before it are due */
  now?: Date;
}

/** 绩效自评: reads the department-year from the log, scores it with a profile, renders it. Reads only: appends nothing. */
export class EvaluationService {
  constructor(
    private readonly store: EventStore,
    private readonly progress: ProgressProjection,
    private readonly profiles: (name?: string) => ScoringProfile = loadScoringProfile,
  ) {}

  async evaluate(code: string, fiscalYear: number, profileName?: string, request: EvaluateRequest = {}): Promise<EvaluationReport> {
    const profile = this.profiles(profileName);
    const view = { asOf: request.asOf, knownAt: request.knownAt };
    const year = await readDepartmentYear(this.store, this.progress, code, fiscalYear, view);
    const report = buildReport(year, profile, await this.checkpoints(code, fiscalYear, profile, request), request.stated);
    return { ...report, view: { asOf: view.asOf ?? null, knownAt: view.knownAt ? new Date(view.knownAt).toISOString() : null } };
  }

  /** A past view reads the checkpoints as they were recorded then; the present one evaluates them now (appending nothing). */
  private async checkpoints(code: string, fiscalYear: number, profile: ScoringProfile, request: EvaluateRequest) {
    const service = new CheckpointService(this.store, this.progress, loadProfile);
    const name = profile.checkpointProfile ?? profile.name;
    if (request.asOf || request.knownAt) return service.recorded(code, fiscalYear, name, { asOf: request.asOf, knownAt: request.knownAt });
    const yearEnd = new Date(Date.UTC(fiscalYear + 1, 0, 1, 12));
    const now = request.now ?? (Date.now() < yearEnd.getTime() ? new Date() : yearEnd);
    return service.evaluate(code, fiscalYear, name, { dryRun: true, now });
  }

  async render(code: string, fiscalYear: number, profileName: string | undefined, format: RenderFormat, request: EvaluateRequest = {}): Promise<Rendered> {
    return renderReport(await this.evaluate(code, fiscalYear, profileName, request), format);
  }
}
