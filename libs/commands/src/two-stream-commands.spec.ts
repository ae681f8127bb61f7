import { describe, expect, it } from 'vitest';
import { DomainError, type LedgerCommand, parseCommand } from '@bem/domain';
import { MemoryEventStore } from '@bem/event-store';
import { CommandHandler } from './command-handler';

const command = (raw: Record<string, unknown>): LedgerCommand => {
  const parsed = parseCommand(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.command;
};

const setup = [
  { command: 'RegisterDepartment', id: 's1', departmentCode: 'ls', name: '乐山市医疗保障局' },
  { command: 'RegisterDepartment', id: 's2', departmentCode: 'qj', name: '犍为县医疗保障局', parentCode: 'ls' },
  { command: 'RegisterProject', id: 's3', projectId: 'ls-2019', departmentCode: 'ls', fiscalYear: 2019, name: '能力提升', programCode: 'nl' },
  { command: 'RegisterProject', id: 's4', projectId: 'qj-2019', departmentCode: 'qj', fiscalYear: 2019, name: '能力提升', programCode: 'nl' },
  { command: 'IssueBudget', id: 's5', projectId: 'ls-2019', occurredOn: '2019-05-10', amount: '100.00', source: 'central', basis: 'supplementary' },
].map(command);
const allocate = (id: string, amount: string) =>
  command({ command: 'AllocateBudget', id, fromProjectId: 'ls-2019', toProjectId: 'qj-2019', occurredOn: '2019-06-01', amount });

describe('a command that writes two streams (AllocateBudget)', () => {
  const open = async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler(store);
    await handler.handleBatch(setup);
    return { store, handler };
  };

  it('appends both events in one write, linked, and reports both event ids', async () => {
    const { store, handler } = await open();
    const outcome = await handler.handle(allocate('a1', '30.00'));
    expect(outcome).toMatchObject({ status: 'appended', stream: 'project-ls-2019', revision: 2 });
    const [parent] = await store.readStream('project-ls-2019', { fromRevision: 2 });
    const [child] = await store.readStream('project-qj-2019', { fromRevision: 1 });
    expect(parent).toMatchObject({ type: 'BudgetAllocated', data: { amount: '30.00', allocationId: 'a1' } });
    expect(child).toMatchObject({ type: 'BudgetIssued', data: { amount: '30.00', allocationId: 'a1', fromProjectId: 'ls-2019', basis: 'supplementary' } });
    expect(outcome.eventIds).toEqual([parent.id, child.id]);
    expect(child.position).toBe(parent.position + 1);
    const again = await handler.handle(allocate('a1', '30.00'));
    expect(again).toMatchObject({ status: 'duplicate', eventIds: [parent.id] });
    expect(await store.readStream('project-qj-2019')).toHaveLength(2);
  });

  it('the targets that travel with an allocation are the child\'s IndicatorSet events, in the same write', async () => {
    const { store, handler } = await open();
    const target = { indicatorId: 'xc', level1: '产出指标', level2: '数量指标', name: '开展医保宣传活动', target: '≥3次' };
    const withTargets = command({ command: 'AllocateBudget', id: 'a1', fromProjectId: 'ls-2019', toProjectId: 'qj-2019', occurredOn: '2019-06-01', amount: '30.00', targets: [target] });
    const outcome = await handler.handle(withTargets);
    const child = await store.readStream('project-qj-2019', { fromRevision: 1 });
    expect(child.map((e) => [e.type, e.data])).toEqual([
      ['BudgetIssued', expect.objectContaining({ allocationId: 'a1' })],
      ['IndicatorSet', { projectId: 'qj-2019', ...target }],
    ]);
    expect(outcome.eventIds).toHaveLength(3);
    expect(outcome.eventIds.slice(1)).toEqual(child.map((e) => e.id));
    const head = await store.headPosition();
    const again = command({ command: 'AllocateBudget', id: 'a2', fromProjectId: 'ls-2019', toProjectId: 'qj-2019', occurredOn: '2019-06-02', amount: '1.00', targets: [target] });
    await expect(handler.handle(again)).rejects.toMatchObject({ code: 'INDICATOR_ALREADY_SET', field: 'targets.0.indicatorId' });
    expect(await store.headPosition()).toBe(head);
  });

  it('a refused allocation appends nothing to either stream', async () => {
    const { store, handler } = await open();
    const head = await store.headPosition();
    await expect(handler.handle(allocate('a1', '100.01'))).rejects.toMatchObject({ code: 'EXCEEDS_UNALLOCATED_BUDGET', details: { unallocated: '100.00' } });
    expect(await store.headPosition()).toBe(head);
  });

  it('in a batch, later commands see both streams as decided', async () => {
    const { store, handler } = await open();
    const result = await handler.handleBatch([
      allocate('a1', '60.00'),
      command({ command: 'RecordPayment', id: 'p1', projectId: 'qj-2019', paymentId: 'x', occurredOn: '2019-07-01', amount: '60.00' }),
      allocate('a2', '40.00'),
    ]);
    expect(result.rejected).toEqual([]);
    expect((await store.readStream('project-qj-2019')).map((e) => e.type)).toEqual(['ProjectRegistered', 'BudgetIssued', 'PaymentMade', 'BudgetIssued']);
    const refused = await handler.handleBatch([allocate('a3', '0.01')]);
    expect(refused.rejected[0].error.code).toBe('EXCEEDS_UNALLOCATED_BUDGET');
  });

  it('concurrent allocations retry on either stream and never exceed the unallocated budget', async () => {
    const { store, handler } = await open();
    const other = new CommandHandler(store);
    const racing = Array.from({ length: 14 }, (_, i) => (i % 2 ? handler : other).handle(allocate(`race-${i}`, '10.00')));
    const settled = await Promise.allSettled(racing);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(10);
    expect(settled.every((s) => s.status === 'fulfilled' || (s.reason instanceof DomainError && s.reason.code === 'EXCEEDS_UNALLOCATED_BUDGET'))).toBe(true);
    const parent = (await store.readStream('project-ls-2019')).filter((e) => e.type === 'BudgetAllocated');
    const child = (await store.readStream('project-qj-2019')).filter((e) => e.type === 'BudgetIssued');
    expect(child.map((e) => (e.data as { allocationId: string }).allocationId).sort()).toEqual(parent.map((e) => (e.data as { allocationId: string }).allocationId).sort());
  });
});
