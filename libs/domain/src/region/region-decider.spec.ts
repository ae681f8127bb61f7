import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../ledger/events';
import { parseCommand } from '../ledger/parse-command';
import { given } from '../testing/specification';
import { givenStreams } from '../testing/two-streams';

const department = (code: string, parentCode?: string): DomainEvent => ({
  type: 'DepartmentRegistered',
  data: { departmentCode: code, name: `部门 ${code}`, ...(parentCode ? { parentCode } : {}) },
});
const project = (projectId: string, departmentCode: string, fiscalYear = 2019, programCode: string | undefined = 'nengli'): DomainEvent => ({
  type: 'ProjectRegistered',
  data: { projectId, departmentCode, fiscalYear, name: '医疗服务与保障能力提升补助', kind: 'project', ...(programCode ? { programCode } : {}) },
});
const issued = (projectId: string, amount: string, source: 'central' | 'own' = 'central', occurredOn = '2019-05-10'): DomainEvent => ({
  type: 'BudgetIssued',
  data: { projectId, occurredOn, amount, source, basis: 'supplementary' },
});
const paid = (projectId: string, paymentId: string, amount: string, occurredOn = '2019-10-10'): DomainEvent => ({
  type: 'PaymentMade',
  data: { projectId, paymentId, occurredOn, amount },
});
const allocated = (amount: string, allocationId = 'a0'): DomainEvent => ({
  type: 'BudgetAllocated',
  data: { projectId: 'ls-2019', toProjectId: 'qj-2019', occurredOn: '2019-06-01', amount, source: 'central', allocationId },
});

const parent = [project('ls-2019', 'ls'), issued('ls-2019', '1400000.00')];
const child = [project('qj-2019', 'qj')];
const childDepartment = [department('qj', 'ls')];
const allocate = (amount: string, extra: Record<string, unknown> = {}) => ({
  command: 'AllocateBudget',
  fromProjectId: 'ls-2019',
  toProjectId: 'qj-2019',
  occurredOn: '2019-06-01',
  amount,
  document: '乐财社〔2019〕51号',
  ...extra,
});

describe('department hierarchy', () => {
  it('a child names a registered parent, never itself', () => {
    given([], { department: [department('sc')] })
      .when({ command: 'RegisterDepartment', departmentCode: 'ls', name: '乐山市医疗保障局', level: 'city', parentCode: 'sc' })
      .then([{ type: 'DepartmentRegistered', data: { departmentCode: 'ls', name: '乐山市医疗保障局', level: 'city', parentCode: 'sc' } }]);
    given([], { department: [] })
      .when({ command: 'RegisterDepartment', departmentCode: 'ls', name: '乐山', parentCode: 'sc' })
      .thenThrows('UNKNOWN_DEPARTMENT', 'parentCode');
    given([], { department: [department('ls')] })
      .when({ command: 'RegisterDepartment', departmentCode: 'ls', name: '乐山', parentCode: 'ls' })
      .thenThrows('SELF_PARENT', 'parentCode');
  });
});

describe('AllocateBudget (分解下达)', () => {
  it('makes the parent budget allocated and issues it to the child, linked, in one decision', () => {
    givenStreams(parent, child, childDepartment)
      .when({ id: 'alloc-qj', ...allocate('50000.00') })
      .then({
        from: [
          {
            type: 'BudgetAllocated',
            data: { projectId: 'ls-2019', toProjectId: 'qj-2019', occurredOn: '2019-06-01', amount: '50000.00', source: 'central', document: '乐财社〔2019〕51号', allocationId: 'alloc-qj' },
          },
        ],
        to: [
          {
            type: 'BudgetIssued',
            data: {
              projectId: 'qj-2019',
              occurredOn: '2019-06-01',
              amount: '50000.00',
              source: 'central',
              basis: 'supplementary',
              document: '乐财社〔2019〕51号',
              allocationId: 'alloc-qj',
              fromProjectId: 'ls-2019',
            },
          },
        ],
      });
  });

  it('never exceeds the unallocated amount (budget − allocated − paid), and says the figures', () => {
    const history = [...parent, allocated('500000.00'), paid('ls-2019', 'p1', '288400.00')];
    givenStreams(history, child, childDepartment).when(allocate('611600.00')).then({ from: expect.any(Array), to: expect.any(Array) });
    const error = givenStreams(history, child, childDepartment).when(allocate('611600.01')).thenThrows('EXCEEDS_UNALLOCATED_BUDGET', 'amount');
    expect(error.details).toEqual({
      projectId: 'ls-2019',
      unallocated: '611600.00',
      requested: '611600.01',
      budget: '1400000.00',
      allocated: '500000.00',
      paid: '288400.00',
      carried: '0.00',
      cancelled: '0.00',
    });
    expect(error.message).toContain('611600.00');
  });

  it('goes only to a project of a department directly below the giver', () => {
    givenStreams(parent, child, [department('qj', 'sc')]).when(allocate('1.00')).thenThrows('NOT_A_SUBORDINATE_DEPARTMENT', 'toProjectId');
    givenStreams(parent, child, [department('qj')]).when(allocate('1.00')).thenThrows('NOT_A_SUBORDINATE_DEPARTMENT', 'toProjectId');
  });

  it('needs both projects registered, distinct, open, of the same year and program', () => {
    givenStreams([], child, childDepartment).when(allocate('1.00')).thenThrows('UNKNOWN_PROJECT', 'fromProjectId');
    givenStreams(parent, [], childDepartment).when(allocate('1.00')).thenThrows('UNKNOWN_PROJECT', 'toProjectId');
    givenStreams(parent, [project('qj-2020', 'qj', 2020)], childDepartment).when(allocate('1.00')).thenThrows('FISCAL_YEAR_MISMATCH', 'toProjectId');
    givenStreams(parent, [project('qj-2019', 'qj', 2019, 'other')], childDepartment).when(allocate('1.00')).thenThrows('PROGRAM_MISMATCH', 'toProjectId');
    givenStreams(parent, child, childDepartment).when(allocate('1.00', { occurredOn: '2020-01-02' })).thenThrows('DATE_OUTSIDE_FISCAL_YEAR', 'occurredOn');
    givenStreams(parent, parent, childDepartment).when(allocate('1.00', { toProjectId: 'ls-2019' })).thenThrows('SAME_PROJECT');
    const closed: DomainEvent = { type: 'ProjectClosed', data: { projectId: 'qj-2019', occurredOn: '2019-12-31' } };
    givenStreams(parent, [...child, closed], childDepartment).when(allocate('1.00')).thenThrows('PROJECT_CLOSED');
  });

  it('takes the fund source from the parent, or asks for it when the parent has several', () => {
    const mixed = [...parent, issued('ls-2019', '100.00', 'own')];
    givenStreams(mixed, child, childDepartment).when(allocate('1.00')).thenThrows('SOURCE_REQUIRED', 'source');
    givenStreams(mixed, child, childDepartment).when(allocate('1.00', { source: 'own' })).then({ from: expect.any(Array), to: expect.any(Array) });
  });

  it('leaves the parent only its unallocated budget to pay from', () => {
    given([...parent, allocated('1300000.00')])
      .when({ command: 'RecordPayment', projectId: 'ls-2019', paymentId: 'x', occurredOn: '2019-10-01', amount: '100000.01' })
      .thenThrows('EXCEEDS_AVAILABLE_BUDGET', 'amount');
    given([...parent, allocated('1300000.00')])
      .when({ command: 'AdjustBudget', projectId: 'ls-2019', occurredOn: '2019-10-01', delta: '-100000.01', kind: 'decrease', reason: '调减' })
      .thenThrows('BUDGET_BELOW_PAID', 'delta');
  });
});

describe('AllocateBudget with the targets that travel with it', () => {
  const coverage = { indicatorId: 'i1', level1: '产出指标', level2: '质量指标', name: '定点医药机构监督检查覆盖率', target: '=100%', weight: '10' };
  const campaigns = { indicatorId: 'i2', level1: '产出指标', level2: '数量指标', name: '开展医保宣传活动', target: '≥3次' };
  const indicatorSet = (data: Record<string, unknown>): DomainEvent => ({ type: 'IndicatorSet', data: { projectId: 'qj-2019', ...data } } as DomainEvent);

  it('sets each target on the child project, after its BudgetIssued, in the same decision', () => {
    givenStreams(parent, child, childDepartment)
      .when({ id: 'alloc-qj', ...allocate('80000.00', { targets: [coverage, campaigns] }) })
      .then({
        from: [expect.objectContaining({ type: 'BudgetAllocated' })],
        to: [
          expect.objectContaining({ type: 'BudgetIssued', data: expect.objectContaining({ projectId: 'qj-2019', allocationId: 'alloc-qj' }) }),
          { type: 'IndicatorSet', data: { projectId: 'qj-2019', ...coverage, weight: '10.00' } },
          { type: 'IndicatorSet', data: { projectId: 'qj-2019', ...campaigns } },
        ],
      });
  });

  it('without targets, the child gets only its BudgetIssued', () => {
    givenStreams(parent, child, childDepartment)
      .when(allocate('1.00', { targets: [] }))
      .then({ from: expect.any(Array), to: [expect.objectContaining({ type: 'BudgetIssued' })] });
  });

  it('validates each target like SetIndicator: its fields, naming the field (a target text is never refused)', () => {
    const parsed = parseCommand({ id: 'x', ...allocate('1.00', { targets: [coverage, { ...campaigns, level1: '' }] }) });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.field)).toEqual(['targets.1.level1']);
    const notArray = parseCommand({ id: 'x', ...allocate('1.00', { targets: coverage }) });
    expect(!notArray.ok && notArray.issues[0].field).toBe('targets');
    const badWeight = parseCommand({ id: 'x', ...allocate('1.00', { targets: [{ ...coverage, weight: '-1' }] }) });
    expect(!badWeight.ok && badWeight.issues[0].field).toBe('targets.0.weight');
  });

  it('refuses an indicatorId the child already has, or one given twice, in Chinese and English naming the field', () => {
    const error = givenStreams(parent, [...child, indicatorSet(campaigns)], childDepartment)
      .when(allocate('1.00', { targets: [coverage, campaigns] }))
      .thenThrows('INDICATOR_ALREADY_SET', 'targets.1.indicatorId');
    expect(error.zh).toContain('已设定绩效指标 i2');
    expect(error.en).toContain('already has indicator i2');
    expect(error.message).toContain('targets.1.indicatorId');
    expect(error.details).toEqual({ toProjectId: 'qj-2019', indicatorId: 'i2' });
    givenStreams(parent, child, childDepartment)
      .when(allocate('1.00', { targets: [coverage, { ...campaigns, indicatorId: 'i1' }] }))
      .thenThrows('DUPLICATE_TARGET', 'targets.1.indicatorId');
  });

  it('the allocation rules still come first: a refused allocation sets no target', () => {
    givenStreams(parent, child, childDepartment).when(allocate('1400000.01', { targets: [coverage] })).thenThrows('EXCEEDS_UNALLOCATED_BUDGET', 'amount');
  });
});

describe('the year boundary: CarryForward (结转) and CancelBalance (注销)', () => {
  const origin = [project('ls-2019', 'ls'), issued('ls-2019', '870000.00'), paid('ls-2019', 'p1', '288400.00')];
  const next = [project('ls-2020', 'ls', 2020)];
  const carry = (extra: Record<string, unknown> = {}) => ({ id: 'cf-1', command: 'CarryForward', fromProjectId: 'ls-2019', toProjectId: 'ls-2020', occurredOn: '2020-01-15', ...extra });

  it('carries the whole open balance by default as a carryover issuance linked to its origin', () => {
    givenStreams(origin, next).when(carry()).then({
      from: [{ type: 'BalanceCarriedForward', data: { projectId: 'ls-2019', toProjectId: 'ls-2020', occurredOn: '2019-12-31', amount: '581600.00', source: 'central', carryForwardId: 'cf-1' } }],
      to: [{ type: 'BudgetIssued', data: { projectId: 'ls-2020', occurredOn: '2020-01-15', amount: '581600.00', source: 'central', basis: 'carryover', carryForwardId: 'cf-1', fromProjectId: 'ls-2019' } }],
    });
  });

  it('even from a closed project, but only into the next year of the same department, within the balance', () => {
    const closed: DomainEvent = { type: 'ProjectClosed', data: { projectId: 'ls-2019', occurredOn: '2019-12-31' } };
    givenStreams([...origin, closed], next).when(carry({ amount: '500000.00' })).then({ from: expect.any(Array), to: expect.any(Array) });
    givenStreams(origin, next).when(carry({ amount: '581600.01' })).thenThrows('EXCEEDS_BALANCE', 'amount');
    givenStreams(origin, [project('ls-2021', 'ls', 2021)]).when(carry({ toProjectId: 'ls-2021', occurredOn: '2021-01-15' })).thenThrows('CARRYOVER_YEAR', 'toProjectId');
    givenStreams(origin, [project('ls-2020', 'qj', 2020)]).when(carry()).thenThrows('CARRYOVER_OTHER_DEPARTMENT', 'toProjectId');
    givenStreams(origin, next).when(carry({ occurredOn: '2019-12-31' })).thenThrows('DATE_OUTSIDE_FISCAL_YEAR', 'occurredOn');
  });

  it('cancels what is not carried; afterwards nothing is left (balance = carried + cancelled)', () => {
    const carried: DomainEvent = { type: 'BalanceCarriedForward', data: { projectId: 'ls-2019', toProjectId: 'ls-2020', occurredOn: '2019-12-31', amount: '500000.00', source: 'central', carryForwardId: 'cf-1' } };
    given([...origin, carried])
      .when({ command: 'CancelBalance', projectId: 'ls-2019', occurredOn: '2020-01-20', reason: '年末注销' })
      .then([{ type: 'BalanceCancelled', data: { projectId: 'ls-2019', occurredOn: '2020-01-20', amount: '81600.00', reason: '年末注销' } }]);
    given([...origin, carried])
      .when({ command: 'CancelBalance', projectId: 'ls-2019', occurredOn: '2020-01-20', amount: '81600.01', reason: '年末注销' })
      .thenThrows('EXCEEDS_BALANCE', 'amount');
    const cancelled: DomainEvent = { type: 'BalanceCancelled', data: { projectId: 'ls-2019', occurredOn: '2020-01-20', amount: '81600.00', reason: '年末注销' } };
    given([...origin, carried, cancelled]).when({ command: 'CancelBalance', projectId: 'ls-2019', occurredOn: '2020-01-20', reason: 'x' }).thenThrows('NO_BALANCE');
    given([...origin, carried, cancelled])
      .when({ command: 'RecordPayment', projectId: 'ls-2019', paymentId: 'late', occurredOn: '2019-12-31', amount: '0.01' })
      .thenThrows('EXCEEDS_AVAILABLE_BUDGET');
    given(origin).when({ command: 'CancelBalance', projectId: 'ls-2019', occurredOn: '2021-01-20', reason: 'x' }).thenThrows('DATE_OUTSIDE_FISCAL_YEAR');
  });
});
