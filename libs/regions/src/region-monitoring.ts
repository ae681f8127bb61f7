import { fenOf } from '@bem/domain';
import type { AlertService } from '@bem/monitoring';
import type { AlertRow, AlertView } from '@bem/monitoring';
import { type CheckpointFigures, evaluateFigures, totalScore } from '@bem/monitoring';
import { checkpointsOf } from '@bem/monitoring';
import type { Profile } from '@bem/monitoring';
import type { ProgressProjection } from '@bem/read-models';
import type { DepartmentInfo } from '@bem/read-models';
import type { RegionIndex } from './region-index';
import { type RegionProgress, regionProgress } from './region-progress';

/** `bem checkpoints --scope region`: the region's progress (all units summed) at each checkpoint, and each unit's subtree. */
export interface RegionCheckpoints {
  scope: 'region';
  profile: string;
  department: DepartmentInfo;
  fiscalYear: number;
  checkpoints: (CheckpointFigures & { label: string })[];
  totalScore: string;
  units: { code: string; name: string; depth: number; parentCode: string | null; checkpoints: CheckpointFigures[] }[];
}

/**
 * Computed from the region's progress as of each checkpoint date (budget as of that date), against the profile's
 * lines. The units' own evaluations stay their `CheckpointEvaluated` events; this rollup appends nothing.
 */
export async function regionCheckpoints(
  progress: ProgressProjection,
  index: RegionIndex,
  code: string,
  fiscalYear: number,
  profile: Profile,
): Promise<RegionCheckpoints> {
  const lines = checkpointsOf(profile, fiscalYear);
  const documents: RegionProgress[] = [];
  for (const line of lines) documents.push(await regionProgress(progress, index, code, fiscalYear, { asOf: line.date }));
  const at = (figures: { budgetCurrent: string; paid: string }, i: number) =>
    evaluateFigures(fenOf(figures.budgetCurrent), fenOf(figures.paid), lines[i]);
  const checkpoints = documents.map((document, i) => ({ label: lines[i].label, ...at(document, i) }));
  const units = (documents[0]?.units ?? []).map((unit) => ({
    code: unit.code,
    name: unit.name,
    depth: unit.depth,
    parentCode: unit.parentCode,
    checkpoints: documents.map((document, i) => at(document.units.find((u) => u.code === unit.code)?.region ?? unit.region, i)),
  }));
  return {
    scope: 'region',
    profile: profile.name,
    department: documents[0]?.department ?? { code, name: '' },
    fiscalYear,
    checkpoints,
    totalScore: totalScore(checkpoints),
    units,
  };
}

/** `bem alerts --scope region`: every unit's alerts, with the unit that must answer. */
export interface RegionAlerts {
  scope: 'region';
  departmentCode: string;
  fiscalYear: number;
  alerts: (AlertRow & { departmentCode: string })[];
  suspendedProjects: { departmentCode: string; projectId: string; alertIds: string[] }[];
}

export async function regionAlerts(alerts: AlertService, index: RegionIndex, code: string, fiscalYear: number, view: AlertView = {}): Promise<RegionAlerts> {
  await index.catchUp();
  const result: RegionAlerts = { scope: 'region', departmentCode: code, fiscalYear, alerts: [], suspendedProjects: [] };
  for (const unit of index.subtree(code)) {
    const list = await alerts.list(unit.code, fiscalYear, view);
    result.alerts.push(...list.alerts.map((alert) => ({ ...alert, departmentCode: unit.code })));
    result.suspendedProjects.push(...list.suspendedProjects.map((project) => ({ departmentCode: unit.code, ...project })));
  }
  return result;
}
