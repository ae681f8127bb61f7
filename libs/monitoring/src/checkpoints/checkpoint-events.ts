import { monitoringId } from '../alerts/alert-events';
import type { CheckpointFigures } from './checkpoint-score';
import { monitoringDataOf } from '../alerts/stored-monitoring-events';

export interface ProjectCheckpointFigures extends CheckpointFigures {
  projectId: string;
  name: string;
}

/** The checkpoint's date and lines: the same for the department and every project of one evaluation. */
type LineField = 'date' | 'target' | 'alertLine' | 'weight';

/** A project's figures as a CheckpointEvaluated stores them: its date and lines are the department's, stored once. */
export type StoredProjectFigures = Omit<ProjectCheckpointFigures, LineField>;

/** CheckpointEvaluated as stored (read back, its projects carry the checkpoint's lines again: CheckpointEvaluatedData). */
export type CheckpointEvaluatedStored = Omit<CheckpointEvaluatedData, 'projects'> & { projects: StoredProjectFigures[] };

/** 检查点快照: the figures as computed at `knownAt`; a later restatement is a new event, this one stays. */
export interface CheckpointEvaluatedData {
  profile: string;
  departmentCode: string;
  fiscalYear: number;
  date: string;
  label: string;
  /** 0 for the first evaluation of this checkpoint, 1 for its first restatement … */
  evaluation: number;
  knownAt: string;
  department: CheckpointFigures;
  projects: ProjectCheckpointFigures[];
  /** The evaluation this one restates (figures changed after backdated entries), or null */
  restates: { eventId: string; knownAt: string } | null;
}

export const checkpointEventId = (profile: string, departmentCode: string, fiscalYear: number, date: string, evaluation: number): string =>
  monitoringId(`checkpoint/${profile}/${departmentCode}/${fiscalYear}/${date}/${evaluation}`);

const comparable = (figures: CheckpointFigures) => [figures.budget, figures.paid, figures.progress, figures.target, figures.alertLine, figures.status, figures.score, figures.weight].join('|');
/** A project's own figures (its lines are the department's, compared there) */
const comparableProject = (figures: StoredProjectFigures) => [figures.projectId, figures.budget, figures.paid, figures.progress, figures.status, figures.score].join('|');

/** Did anything that was reported change? (knownAt aside) */
export function sameFigures(a: Pick<CheckpointEvaluatedStored, 'department' | 'projects'>, b: Pick<CheckpointEvaluatedStored, 'department' | 'projects'>): boolean {
  if (comparable(a.department) !== comparable(b.department) || a.projects.length !== b.projects.length) return false;
  return a.projects.every((project, index) => comparableProject(project) === comparableProject(b.projects[index]));
}

/** The latest evaluation of each checkpoint date of a profile, with the one before it (for restatements). */
export function latestEvaluations(events: readonly { id: string; type: string; data: unknown }[], profile: string) {
  const latest = new Map<string, { id: string; data: CheckpointEvaluatedData; previous: CheckpointEvaluatedData | null }>();
  for (const event of events) {
    if (event.type !== 'CheckpointEvaluated') continue;
    const data = monitoringDataOf(event, 'CheckpointEvaluated');
    if (data.profile !== profile) continue;
    const before = latest.get(data.date);
    if (!before || data.evaluation > before.data.evaluation) latest.set(data.date, { id: event.id, data, previous: before?.data ?? null });
  }
  return latest;
}
