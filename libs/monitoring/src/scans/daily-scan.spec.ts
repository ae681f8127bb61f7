import { describe, expect, it } from 'vitest';
import { CommandHandler } from '@bem/commands';
import { type LedgerCommand, monitoringStream, parseCommand } from '@bem/domain';
import { MemoryEventStore } from '@bem/event-store';
import { MemoryProgressReadModel, ProgressProjection } from '@bem/read-models';
import { alertListOf } from '../alerts/alert-list';
import { DailyScanService } from './daily-scan';

const command = (line: Record<string, unknown>): LedgerCommand => {
  const parsed = parseCommand(line);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.command;
};

async function idleDepartment() {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store);
  const lines = [
    { command: 'RegisterDepartment', id: 's-1', departmentCode: 'sd', name: '部门' },
    { command: 'RegisterProject', id: 's-2', projectId: 'idle', departmentCode: 'sd', fiscalYear: 2025, name: '闲置项目', kind: 'project' },
    { command: 'IssueBudget', id: 's-3', projectId: 'idle', occurredOn: '2025-01-05', amount: '1000.00', source: 'own', basis: 'initial' },
    { command: 'RecordPayment', id: 's-4', projectId: 'idle', paymentId: 'p-1', occurredOn: '2025-01-20', amount: '100.00' },
  ];
  for (const line of lines) await handler.handle(command(line), { source: 'test' });
  return { store, handler, scanner: new DailyScanService(store, new ProgressProjection(store, new MemoryProgressReadModel())) };
}

const cards = async (store: MemoryEventStore, today: string) => alertListOf('sd', 2025, await store.readStream(monitoringStream('sd', 2025)), today).alerts;

describe('daily scan (资金闲置 every day)', () => {
  it('raises one card naming the day once the project is idle 90 days, keeps it open without raising it again, resolves it after a payment', async () => {
    const { store, handler, scanner } = await idleDepartment();
    // 2025-04-19 is 89 days after the last payment: not yet idle
    expect(await scanner.scan('sd', 2025, new Date('2025-04-20T01:00:00+08:00'))).toMatchObject({ day: '2025-04-19', raised: 0 });
    expect(await scanner.scan('sd', 2025, new Date('2025-04-21T01:00:00+08:00'))).toMatchObject({ day: '2025-04-20', raised: 1, resolved: 0 });
    const [card] = await cards(store, '2025-04-21');
    expect(card).toMatchObject({ projectId: 'idle', rule: 'idleFunds', checkpoint: null, status: 'open' });
    expect(card.figures).toMatchObject({ idleDays: '90', scannedOn: '2025-04-20' });
    expect(card.message.zh).toBe('2025-04-20 日常监控：项目「闲置项目」 已 90 天无支付，结余 900.00 元');
    // The next days: still idle, still the one card
    expect(await scanner.scan('sd', 2025, new Date('2025-04-22T01:00:00+08:00'))).toMatchObject({ raised: 0, resolved: 0 });
    expect(await scanner.scan('sd', 2025, new Date('2025-04-22T05:00:00+08:00'))).toMatchObject({ raised: 0, resolved: 0 });
    expect(await cards(store, '2025-04-22')).toHaveLength(1);
    // A payment: the figures recovered, the card is resolved (and stays on record)
    await handler.handle(command({ command: 'RecordPayment', id: 's-5', projectId: 'idle', paymentId: 'p-2', occurredOn: '2025-04-22', amount: '100.00' }), { source: 'test' });
    expect(await scanner.scan('sd', 2025, new Date('2025-04-23T01:00:00+08:00'))).toMatchObject({ raised: 0, resolved: 1 });
    expect((await cards(store, '2025-04-23')).map((row) => row.status)).toEqual(['resolved']);
  });
});
