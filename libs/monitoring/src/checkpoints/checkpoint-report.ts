import type { CheckpointLines } from '../profiles/checkpoint-lines';
import type { Profile } from '../profiles/profile-schema';
import { latestEvaluations } from './checkpoint-events';
import { type CheckpointFigures, totalScore } from './checkpoint-score';

export interface Restatement {
  /** The figures reported before, and when they were computed */
  previous: CheckpointFigures & { knownAt: string };
}

export interface DepartmentCheckpointRow extends CheckpointFigures {
  label: string;
  evaluatedAt: string;
  evaluationId: string;
  /** Present when backdated entries changed the figures after an earlier evaluation */
  restatement: Restatement | null;
}

export interface ProjectCheckpointRow extends CheckpointFigures {
  projectId: string;
  name: string;
  label: string;
}

/** The `bem checkpoints --json` document. */
export interface CheckpointReport {
  profile: string;
  departmentCode: string;
  fiscalYear: number;
  checkpoints: DepartmentCheckpointRow[];
  projects: ProjectCheckpointRow[];
  totalScore: string;
  /** Checkpoints of the profile not yet due (date not passed) */
  upcoming: string[];
  appended: { checkpoints: number; alerts: number };
  dryRun: boolean;
}

export function reportOf(
  profile: Profile,
  departmentCode: string,
  fiscalYear: number,
  events: readonly { id: string; type: string; data: unknown }[],
  lines: readonly CheckpointLines[],
  meta: { appended: CheckpointReport['appended']; dryRun: boolean },
): CheckpointReport {
  const latest = latestEvaluations(events, profile.name);
  const evaluated = lines.filter((line) => latest.has(line.date)).map((line) => latest.get(line.date)!);
  const checkpoints = evaluated.map(({ id, data, previous }): DepartmentCheckpointRow => ({
    ...data.department,
    label: data.label,
    evaluatedAt: data.knownAt,
    evaluationId: id,
    restatement: previous ? { previous: { ...previous.department, knownAt: previous.knownAt } } : null,
  }));
  const projects = evaluated.flatMap(({ data }) => data.projects.map((project) => ({ ...project, label: data.label })));
  return {
    profile: profile.name,
    departmentCode,
    fiscalYear,
    checkpoints,
    projects,
    totalScore: totalScore(checkpoints),
    upcoming: lines.filter((line) => !latest.has(line.date)).map((line) => line.date),
    appended: meta.appended,
    dryRun: meta.dryRun,
  };
}
