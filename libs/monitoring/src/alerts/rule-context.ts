import type Decimal from 'decimal.js';
import { formatFen, percentOfFen } from '@bem/domain';
import { type CheckpointLines, checkpointsOf, elapsedFraction, elapsedShare } from '../profiles/checkpoint-lines';
import type { Fraction } from './exact-ratio';
import type { AlertRuleName, Profile } from '../profiles/profile-schema';
import { type CheckpointFigures, evaluateFigures } from '../checkpoints/checkpoint-score';
import type { RuleFinding } from './alert-cards';
import { type ProjectFacts, type ProjectSnapshot, departmentSnapshot, snapshotAt } from './project-snapshot';

export type Severity = 'red' | 'yellow';

/** What a rule found: the alert before it gets its id, deadline and stream. */
export interface AlertDraft {
  rule: AlertRuleName;
  severity: Severity;
  /** null: the department as a whole */
  projectId: string | null;
  /** The subject's name (the project's, or the department code), which its sentence words */
  name?: string;
  /** The checkpoint (period) date the alert belongs to */
  checkpoint: string;
  figures: Record<string, string | null>;
  zh: string;
  en: string;
  /** A card (one per subject and checkpoint, see cardsOf): its id leaves the rule out */
  card?: boolean;
  /** Every rule the card's subject breaks */
  rules?: RuleFinding[];
}

export interface Subject {
  projectId: string | null;
  name: string;
  snapshot: ProjectSnapshot;
  figures: CheckpointFigures;
}

/** Everything the rules see at one checkpoint: pure data, no store, no clock. */
export interface RuleContext {
  profile: Profile;
  departmentCode: string;
  fiscalYear: number;
  checkpoint: CheckpointLines;
  /** 序时进度 at the checkpoint date (fraction), and exactly */
  elapsed: Decimal;
  elapsedExact: Fraction;
  department: Subject;
  projects: Subject[];
  /** Does the department record 资金到位 at all? The arrival rule stays quiet otherwise. */
  tracksArrivals: boolean;
}

export type AlertRule = (context: RuleContext) => AlertDraft[];

export function ruleContext(
  profile: Profile,
  departmentCode: string,
  fiscalYear: number,
  checkpoint: CheckpointLines,
  projects: readonly ProjectFacts[],
): RuleContext {
  const snapshots = projects.map((facts) => snapshotAt(facts, checkpoint.date));
  return ruleContextOf(profile, departmentCode, fiscalYear, checkpoint, snapshots, tracksArrivals(projects));
}

/** Does the department record 资金到位 at all? */
export const tracksArrivals = (projects: readonly ProjectFacts[]): boolean => projects.some((facts) => facts.events.some((event) => event.type === 'FundsArrived'));

/** The rule context from the projects' snapshots at the checkpoint date (see snapshotsAt: several dates in one fold). */
export function ruleContextOf(
  profile: Profile,
  departmentCode: string,
  fiscalYear: number,
  checkpoint: CheckpointLines,
  snapshots: readonly ProjectSnapshot[],
  arrivals: boolean,
): RuleContext {
  const department = departmentSnapshot(departmentCode, snapshots);
  const subject = (projectId: string | null, name: string, snapshot: ProjectSnapshot): Subject => ({
    projectId, name, snapshot, figures: evaluateFigures(snapshot.budgetCurrent, snapshot.paid, checkpoint),
  });
  return {
    profile, departmentCode, fiscalYear, checkpoint,
    elapsed: elapsedShare(checkpoint.date, profile.elapsedMode),
    elapsedExact: elapsedFraction(checkpoint.date, profile.elapsedMode),
    department: subject(null, departmentCode, department),
    projects: snapshots.map((s) => subject(s.projectId, s.name, s)),
    tracksArrivals: arrivals,
  };
}

/** The checkpoint lines of a profile by date, for rules run at a given date. */
export const checkpointAt = (profile: Profile, fiscalYear: number, date: string): CheckpointLines | undefined =>
  checkpointsOf(profile, fiscalYear).find((lines) => lines.date === date);

/** part / whole of two amounts in fen, in percent (2 decimals, half-up); null for a zero whole. */
export const pct = (part: bigint, whole: bigint): string | null => percentOfFen(part, whole);
/** An amount in fen as figures state it: plain 元 with 2 decimals. */
export const yuanText = (fen: bigint): string => formatFen(fen);
export { groupedYuan } from './alert-sentences';

/** Whole days from one ISO date to another. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
