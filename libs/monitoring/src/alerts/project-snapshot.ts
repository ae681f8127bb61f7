import type Decimal from 'decimal.js';
import { type LedgerEvent, Money, type ProjectLedger, foldProjectLedgerAt, formatFen } from '@bem/domain';

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
  /** Amounts in integer fen */
  budgetInitial: bigint;
  budgetCurrent: bigint;
  arrived: bigint;
  paid: bigint;
  /** Σ |调整| + 追加: every change after the opening budget */
  changes: bigint;
  /** Date of the first budget issued, and of the last payment (net movements count) */
  firstBudgetOn: string | null;
  lastPaymentOn: string | null;
  arrivals: number;
  indicators: IndicatorState[];
  /** Payments recorded above the available budget under a `warn` overspend policy (with the figures then) */
  overspentPayments: { paymentId: string; occurredOn: string; amount: string; available: string }[];
}

const ZERO = new Money(0);
/** Integer fen as a Decimal (for the indicator rules, which compute with the indicators' own numbers). */
export const money = (fen: bigint): Decimal => (fen === 0n ? ZERO : new Money(formatFen(fen)));

/** What the rules read of the domain's fold of a project (the one interpretation of its events, ledger-fold). */
export function snapshotOfLedger(projectId: string, name: string, ledger: ProjectLedger): ProjectSnapshot {
  const f = ledger.figures;
  return {
    projectId, name,
    budgetInitial: f.budgetInitial, budgetCurrent: f.budgetCurrent, arrived: f.arrived, paid: f.paid, changes: f.changes,
    firstBudgetOn: ledger.firstBudgetOn, lastPaymentOn: ledger.lastPaymentOn, arrivals: ledger.arrivals.length,
    indicators: [...ledger.indicators.values()].map((record) => ({
      indicatorId: record.indicatorId, name: record.set.name, target: record.set.target, actual: record.actual, actualOn: record.actualOn,
    })),
    overspentPayments: ledger.overspentPayments.map(({ data }) => ({
      paymentId: data.paymentId, occurredOn: data.occurredOn, amount: data.amount, available: data.overspend?.available ?? '0',
    })),
  };
}

/**
 * The project's snapshots at several business dates in ONE pass over its stream events: the domain's fold
 * (foldProjectLedgerAt) as of each date. The events are read as stored (the store validated them when written).
 */
export function snapshotsAt(facts: ProjectFacts, dates: readonly string[]): ProjectSnapshot[] {
  const events = facts.events as unknown as LedgerEvent[];
  return foldProjectLedgerAt(events, dates.map((asOf) => ({ asOf }))).map((ledger) => snapshotOfLedger(facts.projectId, facts.name, ledger));
}

/** Pure fold of a project's events up to a business date. */
export const snapshotAt = (facts: ProjectFacts, asOf: string): ProjectSnapshot => snapshotsAt(facts, [asOf])[0];

export const emptySnapshot = (projectId: string, name: string): ProjectSnapshot => ({
  projectId, name, budgetInitial: 0n, budgetCurrent: 0n, arrived: 0n, paid: 0n,
  changes: 0n, firstBudgetOn: null, lastPaymentOn: null, arrivals: 0, indicators: [], overspentPayments: [],
});

/** The department as the sum of its projects. */
export function departmentSnapshot(code: string, projects: readonly ProjectSnapshot[]): ProjectSnapshot {
  const total = emptySnapshot(code, code);
  for (const p of projects) {
    total.budgetInitial += p.budgetInitial;
    total.budgetCurrent += p.budgetCurrent;
    total.arrived += p.arrived;
    total.paid += p.paid;
    total.changes += p.changes;
    total.arrivals += p.arrivals;
    if (p.lastPaymentOn && (!total.lastPaymentOn || p.lastPaymentOn > total.lastPaymentOn)) total.lastPaymentOn = p.lastPaymentOn;
    if (p.firstBudgetOn && (!total.firstBudgetOn || p.firstBudgetOn < total.firstBudgetOn)) total.firstBudgetOn = p.firstBudgetOn;
  }
  return total;
}
