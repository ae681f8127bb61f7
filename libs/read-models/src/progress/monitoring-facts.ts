import { parseStoredEvent } from '@bem/domain';
import { DayTotals, M, MEASURES, dayOf, isoDateOf } from './packed-facts';

/**
 * What the checkpoint rules read of a project besides its money: its indicators (target, dated actuals) and the
 * payments a `warn` overspend policy let through. Few per project, kept beside the packed money facts so a
 * department's checkpoints are evaluated from the read model without reading any project stream.
 */
export type ProjectNote =
  | { type: 'IndicatorSet'; projectId: string; position: number; data: { indicatorId: string; name: string; target: string } }
  | { type: 'IndicatorActualRecorded'; projectId: string; position: number; data: { indicatorId: string; occurredOn: string; value: string } }
  | { type: 'PaymentOverspent'; projectId: string; position: number; data: { paymentId: string; occurredOn: string; amount: string; available: string } };

/** Event types that may give a note (a PaymentMade only when it carries `overspend`). */
export const NOTE_EVENT_TYPES = ['IndicatorSet', 'IndicatorActualRecorded'] as const;

/** The note a stored event gives (null: none). Parsed with the domain's schema: a bad stored event is refused as everywhere. */
export function noteOf(type: string, data: unknown, position: number): ProjectNote | null {
  if (type === 'PaymentMade' && !(data as { overspend?: unknown }).overspend) return null;
  if (type !== 'PaymentMade' && type !== 'IndicatorSet' && type !== 'IndicatorActualRecorded') return null;
  const event = parseStoredEvent({ type, data, position });
  switch (event.type) {
    case 'IndicatorSet': {
      const { projectId, indicatorId, name, target } = event.data;
      return projectId ? { type: 'IndicatorSet', projectId, position, data: { indicatorId, name, target } } : null;
    }
    case 'IndicatorActualRecorded': {
      const { projectId, indicatorId, occurredOn, value } = event.data;
      return projectId ? { type: 'IndicatorActualRecorded', projectId, position, data: { indicatorId, occurredOn, value } } : null;
    }
    case 'PaymentMade': {
      const { projectId, paymentId, occurredOn, amount, overspend } = event.data;
      return overspend ? { type: 'PaymentOverspent', projectId, position, data: { paymentId, occurredOn, amount, available: overspend.available } } : null;
    }
    default:
      return null;
  }
}

/** A project's packed cumulative day totals and its notes in stream order: everything its checkpoint rules read. */
export interface ProjectMonitoringFacts {
  projectId: string;
  name: string;
  days: DayTotals;
  notes: ProjectNote[];
}

/** A project's money figures at the end of a business day, in fen, with the dates and counts the rules read. */
export interface FiguresAt {
  budgetInitial: bigint;
  budgetCurrent: bigint;
  arrived: bigint;
  paid: bigint;
  changes: bigint;
  arrivals: number;
  /** Date of the first issuance dated ≤ the day */
  firstBudgetOn: string | null;
  /** Date of the last payment (not reversal) dated ≤ the day */
  lastPaymentOn: string | null;
}

const at = (days: DayTotals, i: number, measure: number): bigint => (i < 0 ? 0n : days.cumulative[i * MEASURES + measure]);

/** The figures at each date, from the day totals (a binary search per date). */
export function figuresAtDates(days: DayTotals, dates: readonly string[]): FiguresAt[] {
  let first = 0;
  while (first < days.length && at(days, first, M.issuances) === 0n) first += 1;
  return dates.map((date) => {
    const i = days.indexAt(dayOf(date));
    let last = i;
    while (last >= 0 && at(days, last, M.payments) === at(days, last - 1, M.payments)) last -= 1;
    return {
      budgetInitial: at(days, i, M.budgetInitial),
      budgetCurrent: at(days, i, M.budgetCurrent),
      arrived: at(days, i, M.arrived),
      paid: at(days, i, M.paid),
      changes: at(days, i, M.changes),
      arrivals: Number(at(days, i, M.arrivals)),
      firstBudgetOn: first <= i ? isoDateOf(days.day[first]) : null,
      lastPaymentOn: last >= 0 ? isoDateOf(days.day[last]) : null,
    };
  });
}

/** Has the project any arrival at all (any date)? */
export const recordsArrivals = (days: DayTotals): boolean => at(days, days.length - 1, M.arrivals) > 0n;
