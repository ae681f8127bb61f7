import type Decimal from 'decimal.js';
import { ZERO, formatYuan, percent } from '@bem/domain';
import { fenOf, formatFen, percentOfFen } from '@bem/domain';
import type { DepartmentInfo, ProgressFact, ProjectInfo } from './progress-facts';

/** Figures of a project or a department (contract of `bem progress --json`). */
export interface ProgressFigures {
  budgetInitial: string;
  budgetCurrent: string;
  arrived: string;
  paid: string;
  balance: string;
  /** paid / budgetCurrent in percent, 2 decimals half-up; null when the budget is zero. */
  executionRate: string | null;
  arrivalRate: string | null;
}

export interface ProjectProgress extends ProgressFigures {
  projectId: string;
  name: string;
  kind: ProjectInfo['kind'];
}

export interface ProgressView {
  /** Business date: facts with occurredOn ≤ asOf. */
  asOf: string;
  /** Recording instant: facts with recordedAt ≤ knownAt; null = everything recorded so far. */
  knownAt: string | null;
}

export interface DepartmentProgress extends ProgressView, ProgressFigures {
  department: DepartmentInfo;
  fiscalYear: number;
  projects: ProjectProgress[];
}

export interface Totals {
  budgetInitial: Decimal;
  budgetCurrent: Decimal;
  arrived: Decimal;
  paid: Decimal;
}

export const emptyTotals = (): Totals => ({ budgetInitial: ZERO, budgetCurrent: ZERO, arrived: ZERO, paid: ZERO });

export const isVisible = (fact: Pick<ProgressFact, 'occurredOn' | 'recordedAt'>, view: ProgressView): boolean =>
  fact.occurredOn <= view.asOf && (view.knownAt === null || fact.recordedAt <= view.knownAt);

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    budgetInitial: a.budgetInitial.plus(b.budgetInitial),
    budgetCurrent: a.budgetCurrent.plus(b.budgetCurrent),
    arrived: a.arrived.plus(b.arrived),
    paid: a.paid.plus(b.paid),
  };
}

export function figuresOf(totals: Totals): ProgressFigures {
  return {
    budgetInitial: formatYuan(totals.budgetInitial),
    budgetCurrent: formatYuan(totals.budgetCurrent),
    arrived: formatYuan(totals.arrived),
    paid: formatYuan(totals.paid),
    balance: formatYuan(totals.budgetCurrent.minus(totals.paid)),
    executionRate: percent(totals.paid, totals.budgetCurrent),
    arrivalRate: percent(totals.arrived, totals.budgetCurrent),
  };
}

/** Running totals in integer fen (exact): a department view sums a fact (or a day total) per project per measure. */
interface FenTotals {
  budgetInitial: bigint;
  budgetCurrent: bigint;
  arrived: bigint;
  paid: bigint;
}

const fen = (yuan: string) => (yuan === '0' ? 0n : fenOf(yuan));

function figuresOfFen(t: FenTotals): ProgressFigures {
  return {
    budgetInitial: formatFen(t.budgetInitial),
    budgetCurrent: formatFen(t.budgetCurrent),
    arrived: formatFen(t.arrived),
    paid: formatFen(t.paid),
    balance: formatFen(t.budgetCurrent - t.paid),
    executionRate: percentOfFen(t.paid, t.budgetCurrent),
    arrivalRate: percentOfFen(t.arrived, t.budgetCurrent),
  };
}

/** Sums the visible facts per project (projects in registration order) and for the whole department. */
export function computeDepartmentProgress(
  department: DepartmentInfo,
  fiscalYear: number,
  projects: readonly ProjectInfo[],
  facts: Iterable<ProgressFact>,
  view: ProgressView,
): DepartmentProgress {
  const perProject = new Map<string, FenTotals>(projects.map((project) => [project.projectId, { budgetInitial: 0n, budgetCurrent: 0n, arrived: 0n, paid: 0n }]));
  for (const fact of facts) {
    const totals = perProject.get(fact.projectId);
    if (!totals || !isVisible(fact, view)) continue;
    totals.budgetInitial += fen(fact.budgetInitial);
    totals.budgetCurrent += fen(fact.budgetCurrent);
    totals.arrived += fen(fact.arrived);
    totals.paid += fen(fact.paid);
  }
  const all: FenTotals = { budgetInitial: 0n, budgetCurrent: 0n, arrived: 0n, paid: 0n };
  const rows: ProjectProgress[] = projects.map((project) => {
    const totals = perProject.get(project.projectId) as FenTotals;
    all.budgetInitial += totals.budgetInitial;
    all.budgetCurrent += totals.budgetCurrent;
    all.arrived += totals.arrived;
    all.paid += totals.paid;
    return { projectId: project.projectId, name: project.name, kind: project.kind, ...figuresOfFen(totals) };
  });
  return { ...view, department, fiscalYear, ...figuresOfFen(all), projects: rows };
}
