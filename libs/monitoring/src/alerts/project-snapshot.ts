import type Decimal from 'decimal.js';
import { Money, type EventData } from '@bem/domain';

/** The slice of a stored project event the alert rules read. */
export interface FactEvent {
  type: string;
  data: unknown;
}

export interface ProjectFacts {
  projectId: string;
  name: string;
  events: readonly FactEvent[];
}

export interface IndicatorState {
  indicatorId: string;
  name: string;
  target: string;
  /** Latest actual dated on or before the snapshot date */
  actual: string | null;
  actualOn: string | null;
}

/** A project's money and indicators as of one business date (occurredOn ≤ asOf). */
export interface ProjectSnapshot {
  projectId: string;
  name: string;
  budgetInitial: Decimal;
  budgetCurrent: Decimal;
  arrived: Decimal;
  paid: Decimal;
  /** Σ |调整| + 追加: every change after the opening budget */
  changes: Decimal;
  /** Date of the first budget issued, and of the last payment (net movements count) */
  firstBudgetOn: string | null;
  lastPaymentOn: string | null;
  arrivals: number;
  indicators: IndicatorState[];
  /** Payments recorded above the available budget under a `warn` overspend policy (with the figures then) */
  overspentPayments: { paymentId: string; occurredOn: string; amount: string; available: string }[];
}

const ZERO = new Money(0);
const dated = (data: unknown, asOf: string) => ((data as { occurredOn?: string }).occurredOn ?? '') <= asOf;

/** Pure fold of a project's events up to a business date. */
export function snapshotAt(facts: ProjectFacts, asOf: string): ProjectSnapshot {
  const snapshot: ProjectSnapshot = {
    projectId: facts.projectId, name: facts.name, budgetInitial: ZERO, budgetCurrent: ZERO, arrived: ZERO, paid: ZERO,
    changes: ZERO, firstBudgetOn: null, lastPaymentOn: null, arrivals: 0, indicators: [], overspentPayments: [],
  };
  const indicators = new Map<string, IndicatorState>();
  for (const event of facts.events) {
    if (event.type === 'IndicatorSet') {
      const data = event.data as EventData<'IndicatorSet'>;
      const previous = indicators.get(data.indicatorId);
      indicators.set(data.indicatorId, { indicatorId: data.indicatorId, name: data.name, target: data.target, actual: previous?.actual ?? null, actualOn: previous?.actualOn ?? null });
      continue;
    }
    if (!dated(event.data, asOf)) continue;
    applyMoney(snapshot, event, indicators);
  }
  snapshot.indicators = [...indicators.values()];
  return snapshot;
}

function applyMoney(s: ProjectSnapshot, event: FactEvent, indicators: Map<string, IndicatorState>): void {
  switch (event.type) {
    case 'BudgetIssued': {
      const data = event.data as EventData<'BudgetIssued'>;
      s.budgetCurrent = s.budgetCurrent.plus(data.amount);
      if (data.basis === 'supplementary') s.changes = s.changes.plus(data.amount);
      else s.budgetInitial = s.budgetInitial.plus(data.amount);
      if (s.firstBudgetOn === null || data.occurredOn < s.firstBudgetOn) s.firstBudgetOn = data.occurredOn;
      return;
    }
    case 'BudgetAdjusted': {
      const data = event.data as EventData<'BudgetAdjusted'>;
      s.budgetCurrent = s.budgetCurrent.plus(data.delta);
      s.changes = s.changes.plus(new Money(data.delta).abs());
      return;
    }
    case 'BudgetAllocated':
      // 分解下达 to a child department: no longer this project's budget (not an adjustment: it was planned so)
      s.budgetCurrent = s.budgetCurrent.minus((event.data as EventData<'BudgetAllocated'>).amount);
      return;
    case 'FundsArrived':
      s.arrived = s.arrived.plus((event.data as EventData<'FundsArrived'>).amount);
      s.arrivals += 1;
      return;
    case 'PaymentMade': {
      const data = event.data as EventData<'PaymentMade'>;
      s.paid = s.paid.plus(data.amount);
      if (s.lastPaymentOn === null || data.occurredOn > s.lastPaymentOn) s.lastPaymentOn = data.occurredOn;
      if (data.overspend) s.overspentPayments.push({ paymentId: data.paymentId, occurredOn: data.occurredOn, amount: data.amount, available: data.overspend.available });
      return;
    }
    case 'PaymentReversed':
      s.paid = s.paid.minus((event.data as EventData<'PaymentReversed'>).amount);
      return;
    case 'IndicatorActualRecorded': {
      const data = event.data as EventData<'IndicatorActualRecorded'>;
      const indicator = indicators.get(data.indicatorId);
      if (indicator && (indicator.actualOn === null || data.occurredOn >= indicator.actualOn)) {
        indicator.actual = data.value;
        indicator.actualOn = data.occurredOn;
      }
      return;
    }
    default:
  }
}

/** The department as the sum of its projects. */
export function departmentSnapshot(code: string, projects: readonly ProjectSnapshot[]): ProjectSnapshot {
  const total: ProjectSnapshot = { ...snapshotAt({ projectId: code, name: code, events: [] }, '') };
  for (const p of projects) {
    total.budgetInitial = total.budgetInitial.plus(p.budgetInitial);
    total.budgetCurrent = total.budgetCurrent.plus(p.budgetCurrent);
    total.arrived = total.arrived.plus(p.arrived);
    total.paid = total.paid.plus(p.paid);
    total.changes = total.changes.plus(p.changes);
    total.arrivals += p.arrivals;
    if (p.lastPaymentOn && (!total.lastPaymentOn || p.lastPaymentOn > total.lastPaymentOn)) total.lastPaymentOn = p.lastPaymentOn;
    if (p.firstBudgetOn && (!total.firstBudgetOn || p.firstBudgetOn < total.firstBudgetOn)) total.firstBudgetOn = p.firstBudgetOn;
  }
  return total;
}
