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
  /** 方案 in Chinese (the profile's title) */
  profileTitle: string;
  /** The profile the department-year is assigned (AssignProfile, else the office default) */
  assignedProfile: string;
  /** Set when `profile` is not the assigned one: computed and shown, nothing appended */
  preview: { zh: string; en: string } | null;
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

/**
 * The report of a department-year's checkpoints. Its rows are computed when first read: the checkpoint job reads only
 * what was appended, the CLI and the API read (and serialise) everything.
 */
export function reportOf(
  profile: Profile,
  departmentCode: string,
  fiscalYear: number,
  events: readonly { id: string; type: string; data: unknown }[],
  lines: readonly CheckpointLines[],
  meta: { appended: CheckpointReport['appended']; dryRun: boolean; assignedProfile?: string },
): CheckpointReport {
  const assignedProfile = meta.assignedProfile ?? profile.name;
  let rows: Pick<CheckpointReport, 'checkpoints' | 'projects' | 'totalScore' | 'upcoming'> | undefined;
  const computed = () => (rows ??= rowsOf(profile, events, lines));
  return {
    profile: profile.name,
    profileTitle: profile.title,
    assignedProfile,
    preview: assignedProfile === profile.name ? null : previewNotice(profile.name, assignedProfile),
    departmentCode,
    fiscalYear,
    get checkpoints() {
      return computed().checkpoints;
    },
    get projects() {
      return computed().projects;
    },
    get totalScore() {
      return computed().totalScore;
    },
    get upcoming() {
      return computed().upcoming;
    },
    appended: meta.appended,
    dryRun: meta.dryRun,
  };
}

function rowsOf(profile: Profile, events: readonly { id: string; type: string; data: unknown }[], lines: readonly CheckpointLines[]) {
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
  return { checkpoints, projects, totalScore: totalScore(checkpoints), upcoming: lines.filter((line) => !latest.has(line.date)).map((line) => line.date) };
}

/** What a preview under a profile the department-year is not assigned says. */
export const previewNotice = (profile: string, assigned: string) => ({
  zh: `试算：本部门本年度指定的监控方案为 ${assigned}，按方案 ${profile} 计算的结果仅供预览，未写入任何检查点或预警`,
  en: `preview: this department-year is assigned profile ${assigned}; the figures under ${profile} are shown only, nothing was appended`,
});
