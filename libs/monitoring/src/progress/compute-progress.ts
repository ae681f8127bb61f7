import type Decimal from 'decimal.js';
import { ZERO, formatYuan, money, percent } from '@bem/domain';
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

export function addFact(totals: Totals, fact: ProgressFact): Totals {
  return {
    budgetInitial: fact.budgetInitial === '0' ? totals.budgetInitial : totals.budgetInitial.plus(money(fact.budgetInitial)),
    budgetCurrent: fact.budgetCurrent === '0' ? totals.budgetCurrent : totals.budgetCurrent.plus(money(fact.budgetCurrent)),
    arrived: fact.arrived === '0' ? totals.arrived : totals.arrived.plus(money(fact.arrived)),
    paid: fact.paid === '0' ? totals.paid : totals.paid.plus(money(fact.paid)),
  };
}

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

/** Sums the visible facts per project (projects in registration order) and for the whole department. */
export function computeDepartmentProgress(
  department: DepartmentInfo,
  fiscalYear: number,
  projects: readonly ProjectInfo[],
  facts: Iterable<ProgressFact>,
  view: ProgressView,
): DepartmentProgress {
  const perProject = new Map<string, Totals>(projects.map((project) => [project.projectId, emptyTotals()]));
  for (const fact of facts) {
    const totals = perProject.get(fact.projectId);
    if (totals && isVisible(fact, view)) perProject.set(fact.projectId, addFact(totals, fact));
  }
  let department_ = emptyTotals();
  const rows: ProjectProgress[] = projects.map((project) => {
    const totals = perProject.get(project.projectId) ?? emptyTotals();
    department_ = addTotals(department_, totals);
    return { projectId: project.projectId, name: project.name, kind: project.kind, ...figuresOf(totals) };
  });
  return { ...view, department, fiscalYear, ...figuresOf(department_), projects: rows };
}
