import type { CommandOf } from '../ledger/commands';
import type { DomainEvent } from '../ledger/events';
import type { DepartmentState } from '../department/state';
import { copyWithout, withoutEnvelope } from '../department/decide';
import { dateOutsideFiscalYear, fiscalYearMismatch, unknownDepartment, unknownProject } from '../shared/errors';
import { yearOf } from '../shared/dates';
import { Money, formatYuan, money } from '../shared/money';
import * as E from './errors';
import { type SelfEvaluationCommand, decideSelfEvaluation, isSelfEvaluationCommand } from '../self-evaluation/decide';
import { type ProjectState, openBalanceOf } from './state';

export type ProjectCommand =
  | CommandOf<'RegisterProject'>
  | CommandOf<'IssueBudget'>
  | CommandOf<'AdjustBudget'>
  | CommandOf<'RecordFundsArrival'>
  | CommandOf<'RecordPayment'>
  | CommandOf<'ReversePayment'>
  | CommandOf<'SetIndicator'>
  | CommandOf<'RecordIndicatorActual'>
  | CommandOf<'CloseProject'>
  | SelfEvaluationCommand;

/** Other streams' states a decision may need: the department of a new project, the other side of a 调剂. */
export interface ProjectContext {
  department?: DepartmentState;
  counterpart?: ProjectState;
  /** stop (default): a payment above the available budget is refused; warn: it is recorded with the figures, to be alerted on. */
  overspendPolicy?: OverspendPolicy;
}

export type OverspendPolicy = 'stop' | 'warn';

export function decideProject(command: ProjectCommand, state: ProjectState, context: ProjectContext = {}): DomainEvent[] {
  if (command.command === 'RegisterProject') return registerProject(command, state, context);
  if (isSelfEvaluationCommand(command)) return decideSelfEvaluation(command, state);
  requireOpen(command, state);
  switch (command.command) {
    case 'IssueBudget':
      return [{ type: 'BudgetIssued', data: payload(command) }];
    case 'AdjustBudget':
      return adjustBudget(command, state, context);
    case 'RecordFundsArrival':
      return [{ type: 'FundsArrived', data: payload(command) }];
    case 'RecordPayment':
      return recordPayment(command, state, context.overspendPolicy ?? 'stop');
    case 'ReversePayment':
      return reversePayment(command, state);
    case 'SetIndicator':
      return [{ type: 'IndicatorSet', data: payload(command) }];
    case 'RecordIndicatorActual':
      if (!state.indicators.has(command.indicatorId)) throw E.unknownIndicator(command.indicatorId);
      return [{ type: 'IndicatorActualRecorded', data: payload(command) }];
    case 'CloseProject':
      return [{ type: 'ProjectClosed', data: payload(command) }];
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled project command ${JSON.stringify(unhandled)}`);
    }
  }
}

function registerProject(command: CommandOf<'RegisterProject'>, state: ProjectState, context: ProjectContext): DomainEvent[] {
  if (state.status !== 'unregistered') throw E.projectAlreadyRegistered(command.projectId);
  if (context.department?.status !== 'registered') throw unknownDepartment(command.departmentCode);
  return [{ type: 'ProjectRegistered', data: withoutEnvelope(command) }];
}

/** Rules every fact about an existing project shares: it exists, is open, is of the stated year, and the date falls in it. */
function requireOpen(command: Exclude<ProjectCommand, CommandOf<'RegisterProject'> | SelfEvaluationCommand>, state: ProjectState): void {
  const projectId = command.projectId ?? '';
  if (state.status === 'unregistered') throw unknownProject(projectId);
  if (state.status === 'closed') throw E.projectClosed(projectId);
  if (command.fiscalYear !== undefined && command.fiscalYear !== state.fiscalYear) {
    throw fiscalYearMismatch(projectId, state.fiscalYear, command.fiscalYear);
  }
  if ('occurredOn' in command && yearOf(command.occurredOn) !== state.fiscalYear) {
    throw dateOutsideFiscalYear(command.occurredOn, state.fiscalYear);
  }
}

function adjustBudget(command: CommandOf<'AdjustBudget'>, state: ProjectState, context: ProjectContext): DomainEvent[] {
  const delta = money(command.delta);
  const positive = command.kind === 'increase' || command.kind === 'transfer-in';
  if (positive !== delta.isPos()) throw E.adjustmentSign(command.kind, command.delta);
  if (command.kind === 'transfer-in' || command.kind === 'transfer-out') {
    if (!command.counterpartProjectId) throw E.counterpartRequired(command.kind);
    if (command.counterpartProjectId === state.projectId) throw E.selfTransfer(state.projectId);
  }
  // The other half of a 调剂 may be booked before its project is registered (ledgers list them in any order),
  // so only a counterpart already known is checked: it must be of the same fiscal year.
  const counterpart = context.counterpart;
  if (command.counterpartProjectId && counterpart && counterpart.status !== 'unregistered') {
    if (counterpart.fiscalYear !== state.fiscalYear) {
      throw fiscalYearMismatch(command.counterpartProjectId, counterpart.fiscalYear, state.fiscalYear, 'counterpartProjectId');
    }
  }
  const budgetAfter = state.budget.plus(delta);
  const committed = state.budget.minus(openBalanceOf(state));
  if (delta.isNeg() && budgetAfter.lt(committed)) throw E.budgetBelowPaid(budgetAfter, committed);
  return [{ type: 'BudgetAdjusted', data: payload(command) }];
}

function recordPayment(command: CommandOf<'RecordPayment'>, state: ProjectState, policy: OverspendPolicy): DomainEvent[] {
  if (state.payments.has(command.paymentId)) throw E.duplicatePayment(command.paymentId);
  const amount = money(command.amount);
  // 分解下达 / 结转 / 注销 take their share out of what can be paid (all zero for a project without them).
  const available = openBalanceOf(state);
  if (amount.lte(available)) return [{ type: 'PaymentMade', data: payload(command) }];
  if (policy === 'stop') throw E.exceedsAvailableBudget(available, amount, state.budget, state.paid);
  const overspend = { available: formatYuan(Money.max(available, 0)), budget: formatYuan(state.budget), paid: formatYuan(state.paid) };
  return [{ type: 'PaymentMade', data: { ...payload(command), overspend } }];
}

function reversePayment(command: CommandOf<'ReversePayment'>, state: ProjectState): DomainEvent[] {
  const payment = state.payments.get(command.paymentId);
  if (!payment) throw E.unknownPayment(command.paymentId);
  if (payment.reversed) throw E.paymentAlreadyReversed(command.paymentId);
  return [{ type: 'PaymentReversed', data: { ...payload(command), amount: payment.amount } }];
}

/** A project event carries the command less its envelope and the (already checked) fiscal year. */
function payload<T extends { id: string; command: string; recordedAt?: string; fiscalYear?: number }>(command: T) {
  return copyWithout(command, true) as Omit<T, 'id' | 'command' | 'recordedAt' | 'fiscalYear'>;
}
