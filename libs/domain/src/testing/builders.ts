import type { DomainEvent } from '../ledger/events';

/** Event builders for specifications: a 2020 project p1 of department d1. */
export const departmentRegistered = (code = 'd1'): DomainEvent => ({
  type: 'DepartmentRegistered',
  data: { departmentCode: code, name: '测试局' },
});

export const projectRegistered = (projectId = 'p1', fiscalYear = 2020): DomainEvent => ({
  type: 'ProjectRegistered',
  data: { projectId, departmentCode: 'd1', fiscalYear, name: '测试项目', kind: 'project' },
});

export const budgetIssued = (amount: string, occurredOn = '2020-01-10', basis: 'initial' | 'supplementary' | 'carryover' = 'initial'): DomainEvent => ({
  type: 'BudgetIssued',
  data: { projectId: 'p1', occurredOn, amount, source: 'own', basis },
});

export const paymentMade = (paymentId: string, amount: string, occurredOn = '2020-03-01'): DomainEvent => ({
  type: 'PaymentMade',
  data: { projectId: 'p1', paymentId, occurredOn, amount },
});

export const paymentReversed = (paymentId: string, amount: string, occurredOn = '2020-03-05'): DomainEvent => ({
  type: 'PaymentReversed',
  data: { projectId: 'p1', paymentId, occurredOn, reason: '重复录入', amount },
});

export const budgetAdjusted = (delta: string, kind = 'increase', occurredOn = '2020-06-01'): DomainEvent => ({
  type: 'BudgetAdjusted',
  data: { projectId: 'p1', occurredOn, delta, kind, reason: '调整' } as never,
});

export const projectClosed = (occurredOn = '2020-12-31'): DomainEvent => ({
  type: 'ProjectClosed',
  data: { projectId: 'p1', occurredOn },
});

export const openProject = (budget = '1000.00'): DomainEvent[] => [projectRegistered(), budgetIssued(budget)];
