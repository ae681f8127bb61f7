import type Decimal from 'decimal.js';
import { Money, ZERO, daysInMonth, formatYuan, percent } from '@bem/domain';
import type { ProgressFact } from './progress-facts';

/** One month-end point of the cumulative curve (amounts in 元, rates in percent, 2 decimals). */
export interface CurvePoint {
  /** 1..12 */
  month: number;
  /** The month's last day, or asOf when the month is the one containing asOf */
  date: string;
  budgetCurrent: string;
  paid: string;
  arrived: string;
  /** paid / budgetCurrent as of the point (the budget as of that date is the denominator); null when zero */
  executionRate: string | null;
  arrivalRate: string | null;
}

export interface MonthlyCurve {
  fiscalYear: number;
  asOf: string;
  knownAt: string | null;
  /** Months after asOf are absent: the curve stops where the view ends */
  points: CurvePoint[];
  /** Per project (only when asked for), same months as `points` */
  projects?: Record<string, CurvePoint[]>;
}

export interface MonthlyCurveOptions {
  fiscalYear: number;
  /** Business date the curve ends at (default 12-31 of the year) */
  asOf?: string;
  /** Only facts recorded at or before this ISO instant; null/undefined = everything recorded */
  knownAt?: string | null;
  /** Restrict to these projects (e.g. the one of a project view, or those registered by knownAt) */
  projectIds?: ReadonlySet<string> | null;
  /** Also return a curve per project */
  perProject?: boolean;
}

/** Signed month deltas: index 0 = dated before the fiscal year (e.g. 上年结转 booked on 12-31), 1..12 = months. */
interface Buckets {
  budgetCurrent: Decimal[];
  paid: Decimal[];
  arrived: Decimal[];
}

const emptyBuckets = (): Buckets => ({
  budgetCurrent: new Array<Decimal>(13).fill(ZERO),
  paid: new Array<Decimal>(13).fill(ZERO),
  arrived: new Array<Decimal>(13).fill(ZERO),
});

const monthEnd = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;

/**
 * The cumulative execution / arrival curve by month, from the facts of a department-year in ONE pass:
 * each visible fact adds its signed amounts to the bucket of its month, then a prefix sum gives the
 * month-end figures. Same visibility rules as the progress view (occurredOn ≤ asOf, recordedAt ≤ knownAt).
 */
export function monthlyCurve(facts: Iterable<ProgressFact>, options: MonthlyCurveOptions): MonthlyCurve {
  const year = options.fiscalYear;
  const asOf = options.asOf ?? `${year}-12-31`;
  const knownAt = options.knownAt ? new Date(options.knownAt).toISOString() : null;
  const yearPrefix = String(year);
  const total = emptyBuckets();
  const perProject = options.perProject ? new Map<string, Buckets>() : null;
  for (const fact of facts) {
    if (fact.occurredOn > asOf) continue;
    if (knownAt !== null && fact.recordedAt > knownAt) continue;
    if (options.projectIds && !options.projectIds.has(fact.projectId)) continue;
    const factYear = fact.occurredOn.slice(0, 4);
    if (factYear > yearPrefix) continue;
    const month = factYear < yearPrefix ? 0 : Number(fact.occurredOn.slice(5, 7));
    let own: Buckets | undefined;
    if (perProject) {
      own = perProject.get(fact.projectId);
      if (!own) perProject.set(fact.projectId, (own = emptyBuckets()));
    }
    for (const measure of ['budgetCurrent', 'paid', 'arrived'] as const) {
      const amount = fact[measure];
      if (amount === '0') continue;
      const value = new Money(amount);
      total[measure][month] = total[measure][month].plus(value);
      if (own) own[measure][month] = own[measure][month].plus(value);
    }
  }
  const lastMonth = asOf.slice(0, 4) > yearPrefix ? 12 : asOf.slice(0, 4) < yearPrefix ? 0 : Number(asOf.slice(5, 7));
  const curve: MonthlyCurve = { fiscalYear: year, asOf, knownAt, points: pointsOf(total, year, lastMonth, asOf) };
  if (perProject) {
    curve.projects = {};
    for (const [projectId, buckets] of perProject) curve.projects[projectId] = pointsOf(buckets, year, lastMonth, asOf);
  }
  return curve;
}

function pointsOf(buckets: Buckets, year: number, lastMonth: number, asOf: string): CurvePoint[] {
  const points: CurvePoint[] = [];
  let budget: Decimal = buckets.budgetCurrent[0];
  let paid: Decimal = buckets.paid[0];
  let arrived: Decimal = buckets.arrived[0];
  for (let month = 1; month <= lastMonth; month++) {
    budget = budget.plus(buckets.budgetCurrent[month]);
    paid = paid.plus(buckets.paid[month]);
    arrived = arrived.plus(buckets.arrived[month]);
    const end = monthEnd(year, month);
    points.push({
      month,
      date: end > asOf ? asOf : end,
      budgetCurrent: formatYuan(budget),
      paid: formatYuan(paid),
      arrived: formatYuan(arrived),
      executionRate: percent(paid, budget),
      arrivalRate: percent(arrived, budget),
    });
  }
  return points;
}
