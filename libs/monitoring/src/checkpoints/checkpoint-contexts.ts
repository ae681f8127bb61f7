import type { ProjectMonitoringFacts } from '@bem/read-models';
import { type ProjectFacts, type ProjectSnapshot, snapshotsAt } from '../alerts/project-snapshot';
import { departmentTracksArrivals, snapshotsFromReadModel } from '../alerts/read-model-snapshots';
import { type RuleContext, ruleContextOf, tracksArrivals } from '../alerts/rule-context';
import type { CheckpointLines } from '../profiles/checkpoint-lines';
import type { Profile } from '../profiles/profile-schema';

/** The rule context at each due checkpoint, from every project's snapshots at the checkpoint dates (one list per project). */
function contextsOf(profile: Profile, code: string, year: number, due: readonly CheckpointLines[], perProject: readonly ProjectSnapshot[][], arrivals: boolean): RuleContext[] {
  return due.map((lines, i) => ruleContextOf(profile, code, year, lines, perProject.map((snapshots) => snapshots[i]), arrivals));
}

/** What checkpoint evaluation runs on: the packed progress read model of the department (no project stream read). */
export function contextsFromReadModel(profile: Profile, code: string, year: number, due: readonly CheckpointLines[], projects: readonly ProjectMonitoringFacts[]): RuleContext[] {
  const dates = due.map((lines) => lines.date);
  return contextsOf(profile, code, year, due, projects.map((project) => snapshotsFromReadModel(project, dates)), departmentTracksArrivals(projects));
}

/** The same contexts by folding each project's stream with the domain fold (backtests, and the reference the read model is checked against). */
export function contextsFromStreams(profile: Profile, code: string, year: number, due: readonly CheckpointLines[], projects: readonly ProjectFacts[]): RuleContext[] {
  const dates = due.map((lines) => lines.date);
  return contextsOf(profile, code, year, due, projects.map((project) => snapshotsAt(project, dates)), tracksArrivals(projects));
}
