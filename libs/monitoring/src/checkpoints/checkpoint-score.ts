import type Decimal from 'decimal.js';
import { Money, formatYuan } from '@bem/domain';
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

/** Colour of progress p against the lines: green p ≥ T, yellow A ≤ p < T, red p < A. */
export function statusOf(progress: Decimal, lines: Pick<CheckpointLines, 'target' | 'alertLine'>): CheckpointStatus {
  if (progress.gte(lines.target)) return 'green';
  return progress.gte(lines.alertLine) ? 'yellow' : 'red';
}

/** checkpoint-ratio: w × min(p / T, 1) (a zero target scores full weight). */
export function checkpointScore(progress: Decimal, lines: Pick<CheckpointLines, 'target' | 'weight'>): Decimal {
  if (lines.target.isZero()) return lines.weight;
  return lines.weight.times(Money.min(progress.div(lines.target), 1));
}

export const formatScore = (score: Decimal): string => score.toFixed(2, Money.ROUND_HALF_UP);

/** The lines as displayed, once per checkpoint (not once per project). */
const shownLines = new WeakMap<CheckpointLines, { target: string; alertLine: string; weight: string }>();
function linesShown(lines: CheckpointLines) {
  let shown = shownLines.get(lines);
  if (!shown) {
    shown = { target: asPercent(lines.target), alertLine: asPercent(lines.alertLine), weight: lines.weight.toFixed(2, Money.ROUND_HALF_UP) };
    shownLines.set(lines, shown);
  }
  return shown;
}

/** Evaluates paid / budget at one checkpoint: full precision inside, rounded only for display. */
export function evaluateFigures(budget: Decimal, paid: Decimal, lines: CheckpointLines): CheckpointFigures {
  const shown = linesShown(lines);
  const base = {
    date: lines.date,
    budget: formatYuan(budget),
    paid: formatYuan(paid),
    target: shown.target,
    alertLine: shown.alertLine,
    weight: shown.weight,
  };
  if (budget.isZero()) return { ...base, progress: null, status: null, score: null };
  const progress = new Money(paid).div(budget);
  return {
    ...base,
    progress: asPercent(progress),
    status: statusOf(progress, lines),
    score: formatScore(checkpointScore(progress, lines)),
  };
}

/** Sum of the displayed scores (as the reports add them up). */
export function totalScore(rows: readonly Pick<CheckpointFigures, 'score'>[]): string {
  let total = new Money(0);
  for (const row of rows) if (row.score !== null) total = total.plus(row.score);
  return formatScore(total);
}
