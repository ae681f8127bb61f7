import { expect } from 'vitest';
import { DomainError } from '../shared/errors';
import type { DomainEvent } from '../ledger/events';
import { parseCommand } from '../ledger/parse-command';
import { type StreamState, decideCommand, evolveStream, initialStateFor, routeCommand } from '../ledger/routing';

interface Given {
  /** Events already in the command's own stream. */
  events: DomainEvent[];
  /** Events of the streams the decision looks up. */
  department?: DomainEvent[];
  counterpart?: DomainEvent[];
  /** The office's overspend policy (default stop). */
  overspendPolicy?: 'stop' | 'warn';
}

const fold = (stream: string, events: DomainEvent[]): StreamState =>
  events.reduce((state, event) => evolveStream(stream, state, event), initialStateFor(stream));

/** Decider specification (emmett's DeciderSpecification): given events, when a ledger line, then events or an error. */
export function given(events: DomainEvent[], lookups: Omit<Given, 'events'> = {}) {
  return {
    when(raw: Record<string, unknown>) {
      const run = (): DomainEvent[] => {
        const parsed = parseCommand({ id: 'cmd-1', ...raw });
        if (!parsed.ok) throw new Error(`command does not validate: ${JSON.stringify(parsed.issues)}`);
        const route = routeCommand(parsed.command);
        return decideCommand(parsed.command, fold(route.stream, events), {
          department: lookups.department && fold(route.lookups.department ?? 'department-x', lookups.department),
          counterpart: lookups.counterpart && fold(route.lookups.counterpart ?? 'project-x', lookups.counterpart),
        }, { overspendPolicy: lookups.overspendPolicy });
      };
      return {
        then(expected: DomainEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenThrows: (code: string, field?: string): DomainError => expectDomainError(run, code, field),
      };
    },
  };
}

/** Runs a decision expected to be refused and checks the refusal's code (and field). */
export function expectDomainError(run: () => unknown, code: string, field?: string): DomainError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(DomainError);
  const error = caught as DomainError;
  expect(error.code).toBe(code);
  if (field) expect(error.field).toBe(field);
  return error;
}

/** The field issues of a ledger line that fails validation. */
export function issuesOf(raw: Record<string, unknown>) {
  const parsed = parseCommand({ id: 'cmd-1', ...raw });
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
  return parsed.issues;
}
