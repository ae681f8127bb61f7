import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@bem/event-store';
import { M } from './measures';
import { projectFigures } from './project-figures';

let position = 0;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e-${++position}`,
  type,
  stream: 'project-parent',
  revision: position - 1,
  position,
  recordedAt: '2020-01-01T00:00:00.000Z',
  data,
  metadata: {},
});

describe('project figures of a parent that allocated part of its budget down (分解下达)', () => {
  it('reports only what it kept, with the allocation as an adjustment and its evidence', () => {
    const events = [
      event('ProjectRegistered', { projectId: 'parent', departmentCode: 'city', fiscalYear: 2020, name: '医疗救助补助', kind: 'project' }),
      event('BudgetIssued', { projectId: 'parent', occurredOn: '2020-02-01', amount: '1400000.00', source: 'central', basis: 'supplementary' }),
      event('BudgetAllocated', { projectId: 'parent', toProjectId: 'county', occurredOn: '2020-03-01', amount: '530000.00', source: 'central', allocationId: 'a-1' }),
      event('PaymentMade', { projectId: 'parent', paymentId: 'p1', occurredOn: '2020-09-01', amount: '288400.00' }),
    ];
    const figures = projectFigures(events, '2020-12-31');
    expect(figures?.measures.get(M.current).value.toFixed(2)).toBe('870000.00');
    expect(figures?.measures.get(M.current).evidence).toEqual(['e-2', 'e-3']);
    expect(figures?.adjustments.find((a) => a.kind === 'allocation')).toMatchObject({ delta: '-530000.00', eventId: 'e-3' });
  });
});
