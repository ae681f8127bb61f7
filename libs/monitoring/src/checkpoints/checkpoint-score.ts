import type Decimal from 'decimal.js';
import { Money, formatFen, hundredthsText, percentOfFen } from '@bem/domain';
import { ratioAtLeast } from '../alerts/exact-ratio';
import { type CheckpointLines, asPercent } from '../profiles/checkpoint-lines';

export type CheckpointStatus = 'green' | 'yellow' | 'red';

/** One checkpoint's figures (contract of `bem checkpoints --json`): amounts in 元, rates in percent, 2 decimals. */
export interface CheckpointFigures {
  date: string;
  budget: string;
  paid: string;
  /** paid / budget as of the date; null when the budget is zero */
  progress: string | null;
  target: string;
  alertLine: string;
  status: CheckpointStatus | null;
  /** w × min(p / T, 1), 2 decimals half-up; null when progress is null */
  score: string | null;
  weight: string;
}

/** Colour of progress p = paid / budget (budget ≠ 0) against the lines: green p ≥ T, yellow A ≤ p < T, red p < A. */
export function statusOf(paid: bigint, budget: bigint, lines: CheckpointLines): CheckpointStatus {
  if (ratioAtLeast(paid, budget, lines.exact.target)) return 'green';
  return ratioAtLeast(paid, budget, lines.exact.alertLine) ? 'yellow' : 'red';
}

/**
 * checkpoint-ratio: w × min(p / T, 1) with p = paid / budget (budget ≠ 0), 2 decimals half-up, exactly on
 * integers (a zero target scores full weight).
 */
export function checkpointScore(paid: bigint, budget: bigint, lines: CheckpointLines): string {
  const { target, weight } = lines.exact;
  if (target.num === 0n || ratioAtLeast(paid, budget, target)) return hundredthsText(weight.num * 100n, weight.den);
  return hundredthsText(weight.num * paid * target.den * 100n, weight.den * budget * target.num);
}

export const formatScore = (score: Decimal): string => score.toFixed(2, Money.ROUND_HALF_UP);

/** The lines as displayed, once per checkpoint (not once per project). */
const shownLines = new WeakMap<CheckpointLines, { target: string; alertLine: string; weight: string }>();
function linesShown(lines: CheckpointLines) {
  let shown = shownLines.get(lines);
  if (!shown) {
    shown = { target: asPercent(lines.target), alertLine: asPercent(lines.alertLine), weight: formatScore(lines.weight) };
    shownLines.set(lines, shown);
  }
  return shown;
}

/** Evaluates paid / budget (integer fen) at one checkpoint: exact inside, rounded only for display. */
export function evaluateFigures(budget: bigint, paid: bigint, lines: CheckpointLines): CheckpointFigures {
  const shown = linesShown(lines);
  // One object literal per subject and checkpoint (no spread: this runs 30,000 times a season for 10,000 projects)
  const zero = budget === 0n;
  return {
    date: lines.date,
    budget: formatFen(budget),
    paid: formatFen(paid),
    target: shown.target,
    alertLine: shown.alertLine,
    weight: shown.weight,
    progress: zero ? null : percentOfFen(paid, budget),
    status: zero ? null : statusOf(paid, budget, lines),
    score: zero ? null : checkpointScore(paid, budget, lines),
  };
}

/** Sum of the displayed scores (as the reports add them up). */
export function totalScore(rows: readonly Pick<CheckpointFigures, 'score'>[]): string {
  let total = new Money(0);
  for (const row of rows) if (row.score !== null) total = total.plus(row.score);
  return formatScore(total);
}
