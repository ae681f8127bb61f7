import { expect } from 'vitest';
import type { StreamDecision } from '@bem/commands';
import { DomainError } from '@bem/domain';
import { type MonitoringCommand, monitoringDecider } from './monitoring-decider';
import { type MonitoringRecord, evolveMonitoring, initialMonitoringState } from './monitoring-state';

/** A monitoring event as a spec writes it; recorded at `recordedAt` (default the start of 2021). */
export type GivenEvent = Omit<MonitoringRecord, 'recordedAt'> & { recordedAt?: string };

/**
 * Decider specification of the monitoring stream: given its events (and which looked-up event ids are stored),
 * when a command, then the decided events (and the writes to other streams), or a refusal.
 */
export function given(events: readonly GivenEvent[], stored: readonly string[] = []) {
  const state = events.reduce((folded, event) => evolveMonitoring(folded, { recordedAt: '2021-01-01T00:00:00.000Z', ...event }), initialMonitoringState());
  return {
    when(command: MonitoringCommand) {
      const run = (): StreamDecision => monitoringDecider.decide(command, state, new Set(stored));
      return {
        decision: run,
        then(expected: StreamDecision['events'], also: StreamDecision['also'] = []) {
          expect(run()).toEqual({ events: expected, also });
        },
        thenThrows(code: string, field?: string) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught, `expected ${code}`).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
          if (field) expect((caught as DomainError).field).toBe(field);
        },
        /** The stored ids the handler is asked to look up before deciding. */
        lookups: () => monitoringDecider.lookups(command, state),
      };
    },
  };
}
