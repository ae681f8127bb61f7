import type { ProjectLedger, LedgerEvent } from './project-ledger';
import { evolveLedger, initialLedger } from './project-ledger';

/**
 * Which facts count (architecture §4): as of a business date, facts with occurredOn ≤ asOf (facts without a
 * business date, such as an IndicatorSet, always); known at an instant, facts also recorded by then.
 */
export interface LedgerView {
  asOf?: string | null;
  knownAt?: string | null;
}

const occurredOn = (event: LedgerEvent): string | undefined => ('occurredOn' in event.data ? event.data.occurredOn : undefined);

/** Known at an instant: recorded by then (instants are ISO strings in UTC, as every edge normalises them); unset: every event. */
export const isRecordedBy = (event: { recordedAt: string }, knownAt: string | null | undefined): boolean => !knownAt || event.recordedAt <= knownAt;

export function countsIn(event: LedgerEvent, view: LedgerView): boolean {
  if (!isRecordedBy(event, view.knownAt)) return false;
  const on = occurredOn(event);
  return !(view.asOf && on !== undefined && on > view.asOf);
}

/** The one fold of a project's stream: every figure of the project as of / known at the view. */
export function foldProjectLedger(events: Iterable<LedgerEvent>, view: LedgerView = {}): ProjectLedger {
  const ledger = initialLedger();
  for (const event of events) if (countsIn(event, view)) evolveLedger(ledger, event);
  return ledger;
}

/** The same fold at several views in one pass over the events (checkpoint dates). */
export function foldProjectLedgerAt(events: Iterable<LedgerEvent>, views: readonly LedgerView[]): ProjectLedger[] {
  const ledgers = views.map(() => initialLedger());
  for (const event of events) for (let i = 0; i < views.length; i++) if (countsIn(event, views[i])) evolveLedger(ledgers[i], event);
  return ledgers;
}
