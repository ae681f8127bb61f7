import { expect } from 'vitest';
import type { DomainError } from '../shared/errors';
import { expectDomainError } from './specification';
import type { DomainEvent } from '../ledger/events';
import { parseCommand } from '../ledger/parse-command';
import { type StreamState, decideTwoStreamCommand, evolveStream, initialStateFor, routeCommand } from '../ledger/routing';

const fold = (stream: string, events: DomainEvent[]): StreamState =>
  events.reduce((state, event) => evolveStream(stream, state, event), initialStateFor(stream));

/**
 * Specification of a command that writes two streams (分解下达, 结转): given the events of the giving stream, of the
 * receiving stream and of the receiving project's department, when a ledger line, then the events of each stream.
 */
export function givenStreams(from: DomainEvent[], to: DomainEvent[], department: DomainEvent[] = []) {
  return {
    when(raw: Record<string, unknown>) {
      const run = () => {
        const parsed = parseCommand({ id: 'cmd-1', ...raw });
        if (!parsed.ok) throw new Error(`command does not validate: ${JSON.stringify(parsed.issues)}`);
        const route = routeCommand(parsed.command);
        if (!route.also) throw new Error(`${parsed.command.command} writes one stream`);
        return decideTwoStreamCommand(parsed.command, fold(route.stream, from), fold(route.also.stream, to), {
          department: fold('department-x', department),
        });
      };
      return {
        then(expected: { from: DomainEvent[]; to: DomainEvent[] }) {
          const decided = run();
          expect({ from: decided.events, to: decided.alsoEvents }).toEqual(expected);
        },
        thenThrows: (code: string, field?: string): DomainError => expectDomainError(run, code, field),
      };
    },
  };
}
