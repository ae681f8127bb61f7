import type { EventStore } from '@bem/event-store';
import { CheckpointService, loadProfile } from '@bem/monitoring';
import { type ProgressProjection } from '@bem/read-models';
import type { StatedFigure } from './consistency/stated-figures';
import { buildReport } from './model/build-report';
import { readDepartmentYear } from './model/read-department';
import type { EvaluationReport } from './model/report';
import { loadScoringProfile } from './profiles/load-scoring-profile';
import type { ScoringProfile } from './profiles/scoring-profile';
import { type RenderFormat, type Rendered, renderReport } from './render/render';

export interface EvaluateRequest {
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
    const year = await readDepartmentYear(this.store, this.progress, code, fiscalYear);
    const yearEnd = new Date(Date.UTC(fiscalYear + 1, 0, 1, 12));
    const now = request.now ?? (Date.now() < yearEnd.getTime() ? new Date() : yearEnd);
    const checkpoints = await new CheckpointService(this.store, this.progress, loadProfile).evaluate(code, fiscalYear, profile.checkpointProfile ?? profile.name, { dryRun: true, now });
    return buildReport(year, profile, checkpoints, request.stated);
  }

  async render(code: string, fiscalYear: number, profileName: string | undefined, format: RenderFormat, request: EvaluateRequest = {}): Promise<Rendered> {
    return renderReport(await this.evaluate(code, fiscalYear, profileName, request), format);
  }
}
