import type Decimal from 'decimal.js';
import { Money, type EventData, applyActual, fenOf, formatFen } from '@bem/domain';

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
      applyActual(indicator, data);
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

const centsToMoney = (value: bigint): Decimal => new Money(formatFen(value));

interface CentsState {
  budgetInitial: bigint;
  budgetCurrent: bigint;
  arrived: bigint;
  paid: bigint;
  changes: bigint;
  firstBudgetOn: string | null;
  lastPaymentOn: string | null;
  arrivals: number;
  indicators: Map<string, IndicatorState>;
  overspentPayments: ProjectSnapshot['overspentPayments'];
}

/**
 * The project's snapshots at several business dates in ONE pass over its events: the same figures as
 * `snapshotAt(facts, date)` for each date. Sums are exact integer cents (BigInt), turned into Money at the end;
 * an amount with more than 2 decimals (never written by the domain; fenOf refuses it with a RangeError) falls back
 * to the Decimal fold.
 */
export function snapshotsAt(facts: ProjectFacts, dates: readonly string[]): ProjectSnapshot[] {
  try {
    return centsSnapshots(facts, dates);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return dates.map((date) => snapshotAt(facts, date));
  }
}

function centsSnapshots(facts: ProjectFacts, dates: readonly string[]): ProjectSnapshot[] {
  const states: CentsState[] = dates.map(() => ({
    budgetInitial: 0n, budgetCurrent: 0n, arrived: 0n, paid: 0n, changes: 0n,
    firstBudgetOn: null, lastPaymentOn: null, arrivals: 0, indicators: new Map(), overspentPayments: [],
  }));
  for (const event of facts.events) {
    if (event.type === 'IndicatorSet') {
      const data = event.data as EventData<'IndicatorSet'>;
      for (const state of states) {
        const previous = state.indicators.get(data.indicatorId);
        state.indicators.set(data.indicatorId, { indicatorId: data.indicatorId, name: data.name, target: data.target, actual: previous?.actual ?? null, actualOn: previous?.actualOn ?? null });
      }
      continue;
    }
    const occurredOn = (event.data as { occurredOn?: string }).occurredOn ?? '';
    for (let i = 0; i < dates.length; i++) if (occurredOn <= dates[i]) applyCents(states[i], event);
  }
  return states.map((s) => ({
    projectId: facts.projectId, name: facts.name,
    budgetInitial: centsToMoney(s.budgetInitial), budgetCurrent: centsToMoney(s.budgetCurrent), arrived: centsToMoney(s.arrived),
    paid: centsToMoney(s.paid), changes: centsToMoney(s.changes),
    firstBudgetOn: s.firstBudgetOn, lastPaymentOn: s.lastPaymentOn, arrivals: s.arrivals,
    indicators: [...s.indicators.values()].map((indicator) => ({ ...indicator })), overspentPayments: s.overspentPayments,
  }));
}

function applyCents(s: CentsState, event: FactEvent): void {
  switch (event.type) {
    case 'BudgetIssued': {
      const data = event.data as EventData<'BudgetIssued'>;
      const amount = fenOf(data.amount);
      s.budgetCurrent += amount;
      if (data.basis === 'supplementary') s.changes += amount;
      else s.budgetInitial += amount;
      if (s.firstBudgetOn === null || data.occurredOn < s.firstBudgetOn) s.firstBudgetOn = data.occurredOn;
      return;
    }
    case 'BudgetAdjusted': {
      const delta = fenOf((event.data as EventData<'BudgetAdjusted'>).delta);
      s.budgetCurrent += delta;
      s.changes += delta < 0n ? -delta : delta;
      return;
    }
    case 'BudgetAllocated':
      s.budgetCurrent -= fenOf((event.data as EventData<'BudgetAllocated'>).amount);
      return;
    case 'FundsArrived':
      s.arrived += fenOf((event.data as EventData<'FundsArrived'>).amount);
      s.arrivals += 1;
      return;
    case 'PaymentMade': {
      const data = event.data as EventData<'PaymentMade'>;
      s.paid += fenOf(data.amount);
      if (s.lastPaymentOn === null || data.occurredOn > s.lastPaymentOn) s.lastPaymentOn = data.occurredOn;
      if (data.overspend) s.overspentPayments.push({ paymentId: data.paymentId, occurredOn: data.occurredOn, amount: data.amount, available: data.overspend.available });
      return;
    }
    case 'PaymentReversed':
      s.paid -= fenOf((event.data as EventData<'PaymentReversed'>).amount);
      return;
    case 'IndicatorActualRecorded': {
      const data = event.data as EventData<'IndicatorActualRecorded'>;
      const indicator = s.indicators.get(data.indicatorId);
      applyActual(indicator, data);
      return;
    }
    default:
  }
}
