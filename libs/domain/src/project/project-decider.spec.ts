import { describe, expect, it } from 'vitest';
import * as B from '../testing/builders';
import { given, issuesOf } from '../testing/specification';

const pay = (amount: string, paymentId = 'pay-9', occurredOn = '2020-04-01') => ({
  command: 'RecordPayment',
  projectId: 'p1',
  paymentId,
  occurredOn,
  amount,
});

describe('project decider: registration', () => {
  it('registers a project of a registered department', () => {
    given([], { department: [B.departmentRegistered()] })
      .when({ command: 'RegisterProject', projectId: 'p1', departmentCode: 'd1', fiscalYear: 2020, name: '测试项目' })
      .then([B.projectRegistered()]);
  });

  it('keeps the 基础数据表 category a 项目支出 counts under (专项经费 …) and its 功能分类科目', () => {
    const data = { projectId: 'p1', departmentCode: 'd1', fiscalYear: 2020, name: '测试项目', kind: 'project' as const, category: '专项经费（含政府专项）', functionalCode: '2101502' };
    given([], { department: [B.departmentRegistered()] })
      .when({ command: 'RegisterProject', projectId: 'p1', departmentCode: 'd1', fiscalYear: 2020, name: '测试项目', category: '专项经费（含政府专项）', functionalCode: '2101502' })
      .then([{ type: 'ProjectRegistered', data }]);
    expect(issuesOf({ command: 'RegisterProject', projectId: 'p1', departmentCode: 'd1', fiscalYear: 2020, name: '测试项目', category: '  ' })[0]).toMatchObject({ field: 'category', message: expect.stringContaining('项目类别') });
  });

  it('refuses a project of an unknown department', () => {
    given([], { department: [] })
      .when({ command: 'RegisterProject', projectId: 'p1', departmentCode: 'd1', fiscalYear: 2020, name: '测试项目' })
      .thenThrows('UNKNOWN_DEPARTMENT', 'departmentCode');
  });

  it('refuses a duplicate registration', () => {
    given([B.projectRegistered()], { department: [B.departmentRegistered()] })
      .when({ command: 'RegisterProject', projectId: 'p1', departmentCode: 'd1', fiscalYear: 2020, name: '又一次' })
      .thenThrows('PROJECT_ALREADY_REGISTERED', 'projectId');
  });

  it('refuses any fact about an unknown project', () => {
    given([]).when(pay('1.00')).thenThrows('UNKNOWN_PROJECT', 'projectId');
    given([]).when({ command: 'IssueBudget', projectId: 'p1', occurredOn: '2020-01-01', amount: '1', basis: 'initial' }).thenThrows('UNKNOWN_PROJECT');
  });
});

describe('project decider: dates and fiscal year', () => {
  it('refuses a date outside the project fiscal year', () => {
    given(B.openProject()).when(pay('1.00', 'x', '2021-01-01')).thenThrows('DATE_OUTSIDE_FISCAL_YEAR', 'occurredOn');
    given(B.openProject()).when(pay('1.00', 'x', '2019-12-31')).thenThrows('DATE_OUTSIDE_FISCAL_YEAR', 'occurredOn');
  });

  it('refuses a command that names another fiscal year than the project', () => {
    given(B.openProject()).when({ ...pay('1.00'), fiscalYear: 2021 }).thenThrows('FISCAL_YEAR_MISMATCH', 'fiscalYear');
  });

  it('refuses a 调剂 with a project of another fiscal year', () => {
    given(B.openProject(), { counterpart: [B.projectRegistered('p2', 2021)] })
      .when({ command: 'AdjustBudget', projectId: 'p1', occurredOn: '2020-05-01', delta: '10', kind: 'transfer-in', reason: '调剂', counterpartProjectId: 'p2' })
      .thenThrows('FISCAL_YEAR_MISMATCH', 'counterpartProjectId');
  });

  it('accepts a 调剂 whose counterpart is not registered yet (ledgers book the pair in any order)', () => {
    given(B.openProject(), { counterpart: [] })
      .when({ command: 'AdjustBudget', projectId: 'p1', occurredOn: '2020-05-01', delta: '10', kind: 'transfer-in', reason: '调剂', counterpartProjectId: 'p2' })
      .then([
        {
          type: 'BudgetAdjusted',
          data: { projectId: 'p1', occurredOn: '2020-05-01', delta: '10.00', kind: 'transfer-in', reason: '调剂', counterpartProjectId: 'p2' },
        },
      ]);
  });
});

describe('project decider: payments against the available budget', () => {
  it('accepts a payment up to the available budget, normalising the amount', () => {
    given([...B.openProject('1000'), B.paymentMade('pay-1', '400.00')])
      .when(pay('600'))
      .then([{ type: 'PaymentMade', data: { projectId: 'p1', paymentId: 'pay-9', occurredOn: '2020-04-01', amount: '600.00' } }]);
  });

  it('refuses a payment above budget − paid, with the figures', () => {
    const error = given([...B.openProject('1000'), B.paymentMade('pay-1', '400.00')])
      .when(pay('600.01'))
      .thenThrows('EXCEEDS_AVAILABLE_BUDGET', 'amount');
    expect(error.details).toMatchObject({ available: '600.00', requested: '600.01', budget: '1000.00', paid: '400.00' });
    expect(error.message).toContain('超过可用预算');
  });

  it('counts every recorded issuance and payment whatever its date', () => {
    const lateIssue = B.budgetIssued('500.00', '2020-11-01', 'supplementary');
    given([...B.openProject('1000'), lateIssue]).when(pay('1500.00', 'p', '2020-02-01')).then([
      { type: 'PaymentMade', data: { projectId: 'p1', paymentId: 'p', occurredOn: '2020-02-01', amount: '1500.00' } },
    ]);
  });

  it('frees the budget again after a reversal', () => {
    given([...B.openProject('1000'), B.paymentMade('pay-1', '1000.00'), B.paymentReversed('pay-1', '1000.00')])
      .when(pay('1000.00'))
      .then([{ type: 'PaymentMade', data: { projectId: 'p1', paymentId: 'pay-9', occurredOn: '2020-04-01', amount: '1000.00' } }]);
  });

  it('under a warn overspend policy, records the payment with the figures instead of refusing it', () => {
    given([...B.openProject('1000'), B.paymentMade('pay-1', '400.00')], { overspendPolicy: 'warn' })
      .when(pay('600.01'))
      .then([
        {
          type: 'PaymentMade',
          data: { projectId: 'p1', paymentId: 'pay-9', occurredOn: '2020-04-01', amount: '600.01', overspend: { available: '600.00', budget: '1000.00', paid: '400.00' } },
        },
      ]);
    given([...B.openProject('1000'), B.paymentMade('pay-1', '400.00')], { overspendPolicy: 'stop' })
      .when(pay('600.01'))
      .thenThrows('EXCEEDS_AVAILABLE_BUDGET', 'amount');
  });

  it('refuses a second payment with the same payment id', () => {
    given([...B.openProject('1000'), B.paymentMade('pay-1', '1.00')]).when(pay('1.00', 'pay-1')).thenThrows('DUPLICATE_PAYMENT_ID', 'paymentId');
  });
});

describe('project decider: adjustments', () => {
  const adjust = (delta: string, kind: string, extra: Record<string, unknown> = {}) => ({
    command: 'AdjustBudget',
    projectId: 'p1',
    occurredOn: '2020-07-01',
    delta,
    kind,
    reason: '调整',
    ...extra,
  });

  it('accepts a decrease down to exactly what is paid', () => {
    given([...B.openProject('1000'), B.paymentMade('pay-1', '700.00')])
      .when(adjust('-300', 'decrease'))
      .then([{ type: 'BudgetAdjusted', data: { projectId: 'p1', occurredOn: '2020-07-01', delta: '-300.00', kind: 'decrease', reason: '调整' } }]);
  });

  it('refuses a decrease that takes the budget below what is paid', () => {
    const error = given([...B.openProject('1000'), B.paymentMade('pay-1', '700.00')])
      .when(adjust('-300.01', 'decrease'))
      .thenThrows('BUDGET_BELOW_PAID', 'delta');
    expect(error.details).toMatchObject({ budgetAfter: '699.99', paid: '700.00' });
  });

  it('refuses a cancel or transfer-out below what is paid too', () => {
    given([...B.openProject('1000'), B.paymentMade('pay-1', '1000.00')]).when(adjust('-0.01', 'cancel')).thenThrows('BUDGET_BELOW_PAID');
  });

  it('refuses a delta whose sign contradicts its kind', () => {
    given(B.openProject()).when(adjust('100', 'decrease')).thenThrows('ADJUSTMENT_SIGN', 'delta');
    given(B.openProject()).when(adjust('-100', 'increase')).thenThrows('ADJUSTMENT_SIGN', 'delta');
  });

  it('requires the counterpart of a transfer', () => {
    given(B.openProject()).when(adjust('-100', 'transfer-out')).thenThrows('COUNTERPART_REQUIRED', 'counterpartProjectId');
  });

  it('accepts a paired transfer with a counterpart of the same year', () => {
    given(B.openProject(), { counterpart: [B.projectRegistered('p2')] })
      .when(adjust('-100', 'transfer-out', { counterpartProjectId: 'p2' }))
      .then([
        {
          type: 'BudgetAdjusted',
          data: { projectId: 'p1', occurredOn: '2020-07-01', delta: '-100.00', kind: 'transfer-out', reason: '调整', counterpartProjectId: 'p2' },
        },
      ]);
  });
});

describe('project decider: reversals', () => {
  const reverse = (paymentId: string) => ({ command: 'ReversePayment', projectId: 'p1', paymentId, occurredOn: '2020-03-20', reason: '重复录入' });

  it('reverses an existing payment and carries its amount', () => {
    given([...B.openProject(), B.paymentMade('pay-1', '350.00')])
      .when(reverse('pay-1'))
      .then([{ type: 'PaymentReversed', data: { projectId: 'p1', paymentId: 'pay-1', occurredOn: '2020-03-20', reason: '重复录入', amount: '350.00' } }]);
  });

  it('refuses to reverse an unknown payment', () => {
    given(B.openProject()).when(reverse('nope')).thenThrows('UNKNOWN_PAYMENT', 'paymentId');
  });

  it('refuses to reverse a payment twice', () => {
    given([...B.openProject(), B.paymentMade('pay-1', '350.00'), B.paymentReversed('pay-1', '350.00')])
      .when(reverse('pay-1'))
      .thenThrows('PAYMENT_ALREADY_REVERSED', 'paymentId');
  });
});

describe('project decider: closed projects and indicators', () => {
  it('a closed project accepts nothing', () => {
    const closed = [...B.openProject(), B.projectClosed()];
    given(closed).when(pay('1.00')).thenThrows('PROJECT_CLOSED');
    given(closed).when({ command: 'IssueBudget', projectId: 'p1', occurredOn: '2020-12-31', amount: '1', basis: 'supplementary' }).thenThrows('PROJECT_CLOSED');
    given(closed).when({ command: 'CloseProject', projectId: 'p1', occurredOn: '2020-12-31' }).thenThrows('PROJECT_CLOSED');
    given(closed).when({ command: 'RecordFundsArrival', projectId: 'p1', occurredOn: '2020-12-31', amount: '1' }).thenThrows('PROJECT_CLOSED');
  });

  it('refuses an actual for an indicator never set', () => {
    given(B.openProject())
      .when({ command: 'RecordIndicatorActual', projectId: 'p1', indicatorId: 'i1', occurredOn: '2020-12-31', value: '950' })
      .thenThrows('UNKNOWN_INDICATOR', 'indicatorId');
  });
});
