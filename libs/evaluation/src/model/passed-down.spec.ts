import type { RecordedEvent } from '@bem/event-store';
import { describe, expect, it } from 'vitest';
import { passedDownWhole } from './passed-down';

const event = (type: string, data: Record<string, unknown>, position: number): RecordedEvent =>
  ({ id: `e${position}`, stream: 'project-p1', type, data, metadata: {}, revision: position, position, recordedAt: '2020-01-10T00:00:00.000Z' }) as unknown as RecordedEvent;
const registered = (programCode?: string) => event('ProjectRegistered', { projectId: 'p1', departmentCode: 'sc-ybj', fiscalYear: 2020, name: '医疗救助补助资金', kind: 'project', ...(programCode ? { programCode } : {}) }, 1);
const issued = event('BudgetIssued', { projectId: 'p1', occurredOn: '2020-01-15', amount: '100.00', source: 'central', basis: 'supplementary' }, 2);
const allocated = event('BudgetAllocated', { projectId: 'p1', toProjectId: 'c1', occurredOn: '2020-01-15', amount: '100.00', source: 'central', allocationId: 'a1' }, 3);

describe('a 转移支付 project passed down whole is no expenditure of the department', () => {
  it('given a program project whose budget went down in full and nothing paid: passed down', () => {
    expect(passedDownWhole([registered('yljz-bz'), issued, allocated], { budgetCurrent: '0.00', paid: '0.00' })).toBe(true);
  });

  it('keeps what the department still holds or spent, and every project outside a program', () => {
    expect(passedDownWhole([registered('yljz-bz'), issued, allocated], { budgetCurrent: '20.00', paid: '0.00' })).toBe(false);
    expect(passedDownWhole([registered('yljz-bz'), issued, allocated], { budgetCurrent: '0.00', paid: '5.00' })).toBe(false);
    expect(passedDownWhole([registered('yljz-bz'), issued], { budgetCurrent: '0.00', paid: '0.00' })).toBe(false); // nothing passed down
    expect(passedDownWhole([registered(), issued, allocated], { budgetCurrent: '0.00', paid: '0.00' })).toBe(false);
  });
});
