import { applyActual } from '@bem/domain';
import { type ProjectMonitoringFacts, type ProjectNote, figuresAtDates, recordsArrivals } from '@bem/read-models';
import type { IndicatorState, ProjectSnapshot } from './project-snapshot';

/**
 * A project's snapshots at several business dates from the packed progress read model (its day totals and notes,
 * read for the whole department at once): the same figures as folding its stream (snapshotsAt), without reading it.
 */
export function snapshotsFromReadModel(facts: ProjectMonitoringFacts, dates: readonly string[]): ProjectSnapshot[] {
  const figures = figuresAtDates(facts.days, dates);
  return dates.map((date, i) => {
    const f = figures[i];
    return {
      projectId: facts.projectId, name: facts.name,
      budgetInitial: f.budgetInitial, budgetCurrent: f.budgetCurrent, arrived: f.arrived, paid: f.paid, changes: f.changes,
      firstBudgetOn: f.firstBudgetOn, lastPaymentOn: f.lastPaymentOn, arrivals: f.arrivals,
      indicators: facts.notes.length ? indicatorsAt(facts.notes, date) : [],
      overspentPayments: facts.notes.flatMap((note) => (note.type === 'PaymentOverspent' && note.data.occurredOn <= date ? [{ ...note.data }] : [])),
    };
  });
}

/** Every indicator set (whatever its date) with its latest actual dated ≤ the date (latest-actual.ts decides which). */
function indicatorsAt(notes: readonly ProjectNote[], date: string): IndicatorState[] {
  const indicators = new Map<string, IndicatorState>();
  for (const note of notes) {
    if (note.type === 'IndicatorSet') {
      const previous = indicators.get(note.data.indicatorId);
      indicators.set(note.data.indicatorId, { ...note.data, actual: previous?.actual ?? null, actualOn: previous?.actualOn ?? null });
    } else if (note.type === 'IndicatorActualRecorded' && note.data.occurredOn <= date) applyActual(indicators.get(note.data.indicatorId), note.data);
  }
  return [...indicators.values()];
}

/** Does the department record 资金到位 at all (any project, any date)? */
export const departmentTracksArrivals = (projects: readonly ProjectMonitoringFacts[]): boolean => projects.some((project) => recordsArrivals(project.days));
