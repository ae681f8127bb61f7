import type { LedgerCommand } from '@bem/domain';
import type { AppendResult } from '@bem/event-store';
import type { ChunkDecisions } from './decision-pass';
import type { CommandOutcome } from './outcomes';

type Outcomes = (CommandOutcome | null)[];

/**
 * Each command's outcome in a batch: from the store's results once appended, else (a dry run, a refused batch)
 * what would have been appended (positions unknown). Refused commands have none.
 */
export function batchOutcomes(commands: readonly LedgerCommand[], decisions: ChunkDecisions, results?: readonly AppendResult[]): Outcomes {
  const outcomes: Outcomes = commands.map(() => null);
  decisions.writes.forEach((write, i) => {
    const result = results?.[i];
    const eventIds = result?.eventIds ?? write.events.map((event) => event.id);
    const primary = outcomes[write.index];
    if (write.secondary && primary) {
      outcomes[write.index] = { ...primary, eventIds: [...primary.eventIds, ...eventIds] };
      return;
    }
    outcomes[write.index] = {
      commandId: commands[write.index].id,
      status: !result || result.written ? 'appended' : 'duplicate',
      stream: write.stream,
      eventIds,
      revision: result?.nextRevision ?? write.readRevision + write.events.length,
      position: result?.position ?? 0,
    };
  });
  for (const duplicate of decisions.duplicates) {
    if ('stored' in duplicate) {
      const { stored } = duplicate;
      outcomes[duplicate.index] = { commandId: commands[duplicate.index].id, status: 'duplicate', stream: stored.stream, eventIds: [stored.id], revision: stored.revision, position: stored.position };
      continue;
    }
    // The same command twice in one batch: the second copy is a duplicate of the first's outcome.
    const first = outcomes[duplicate.earlier];
    outcomes[duplicate.index] = first ? { ...first, status: 'duplicate' } : null;
  }
  return outcomes;
}
