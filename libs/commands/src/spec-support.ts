import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LedgerCommand, parseCommand } from '@bem/domain';
import { type EventStore, MemoryEventStore, SqliteEventStore } from '@bem/event-store';

/** Shared by the handler specs: a parsed command, a department with one project of 100 元, payments into it, both stores. */
export const command = (raw: Record<string, unknown>): LedgerCommand => {
  const parsed = parseCommand(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.command;
};

export const setup = [
  command({ command: 'RegisterDepartment', id: 'c1', departmentCode: 'd1', name: '测试局' }),
  command({ command: 'RegisterProject', id: 'c2', projectId: 'p1', departmentCode: 'd1', fiscalYear: 2020, name: '项目' }),
  command({ command: 'IssueBudget', id: 'c3', projectId: 'p1', occurredOn: '2020-01-10', amount: '100.00', basis: 'initial' }),
];

export const payment = (id: string, amount = '10.00') =>
  command({ command: 'RecordPayment', id, projectId: 'p1', paymentId: `pay-${id}`, occurredOn: '2020-03-01', amount });

export const stores: Record<string, () => EventStore> = {
  memory: () => new MemoryEventStore(),
  sqlite: () => SqliteEventStore.open(join(mkdtempSync(join(tmpdir(), 'bem-handler-')), 'bem.sqlite')),
};
