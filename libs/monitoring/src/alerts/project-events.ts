import { projectStream } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import type { FactEvent } from './project-snapshot';

/** The event types the project fold (snapshotAt / snapshotsAt) and the arrival check read; others change no figure. */
export const FACT_TYPES = [
  'IndicatorSet', 'IndicatorActualRecorded', 'BudgetIssued', 'BudgetAdjusted', 'BudgetAllocated', 'FundsArrived', 'PaymentMade', 'PaymentReversed',
] as const;

/** The fact events of many projects, each project's in stream order, read at once where the store can. */
export async function readProjectEvents(store: EventStore, projectIds: readonly string[]): Promise<Map<string, FactEvent[]>> {
  const byStream = await store.readStreamsData(projectIds.map(projectStream), { types: FACT_TYPES });
  return new Map(projectIds.map((projectId) => [projectId, byStream.get(projectStream(projectId)) ?? []]));
}
