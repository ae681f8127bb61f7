import { type LedgerEvent, type LedgerView, type ProjectLedger, foldProjectLedger, parseDomainEvents, projectStream } from '@bem/domain';
import type { EventStore, RecordedEvent } from '@bem/event-store';

/** A project's stored events, parsed (never cast) for the ledger fold. */
export const ledgerEventsOf = (events: readonly RecordedEvent[]): LedgerEvent[] => parseDomainEvents(events);

/** The project's stream read and folded into its ledger as of / known at the view (architecture §4). */
export async function readProjectLedger(store: EventStore, projectId: string, view: LedgerView = {}): Promise<ProjectLedger> {
  return foldProjectLedger(ledgerEventsOf(await store.readStream(projectStream(projectId))), view);
}

/** Several projects' ledgers, one stream read each. */
export async function readProjectLedgers(store: EventStore, projectIds: Iterable<string>, view: LedgerView = {}): Promise<Map<string, ProjectLedger>> {
  const ledgers = new Map<string, ProjectLedger>();
  for (const projectId of new Set(projectIds)) ledgers.set(projectId, await readProjectLedger(store, projectId, view));
  return ledgers;
}
