import type Decimal from 'decimal.js';
import type { DepartmentState } from '../department/state';
import { parseTarget } from '../indicators/target-expression';
import type { CommandOf } from '../ledger/commands';
import type { DomainEvent } from '../ledger/events';
import { projectClosed } from '../project/errors';
import { type ProjectState, openBalanceOf } from '../project/state';
import { lastDayOfYear, yearOf } from '../shared/dates';
import { DomainError, dateOutsideFiscalYear, fiscalYearMismatch, unknownDepartment, unknownProject } from '../shared/errors';
import type { FundSource } from '../shared/fields';
import { formatYuan, money } from '../shared/money';
import * as E from './errors';

/** Commands that write two project streams at once: the giving one (`from`) and the receiving one (`to`). */
export type TwoStreamCommand = CommandOf<'AllocateBudget'> | CommandOf<'CarryForward'>;

export interface TwoStreamDecision {
  /** Events of the command's own stream (the `from` project). */
  events: DomainEvent[];
  /** Events of the second stream (the `to` project), appended in the same atomic write. */
  alsoEvents: DomainEvent[];
}

export interface TwoStreamContext {
  /** The receiving project's department (its parentCode decides whether it lies below the giver). */
  department?: DepartmentState;
}

export function decideTwoStreams(command: TwoStreamCommand, from: ProjectState, to: ProjectState, context: TwoStreamContext = {}): TwoStreamDecision {
  if (from.status === 'unregistered') throw unknownProject(command.fromProjectId, 'fromProjectId');
  if (to.status === 'unregistered') throw unknownProject(command.toProjectId, 'toProjectId');
  if (command.fromProjectId === command.toProjectId) throw E.sameProject('toProjectId', command.toProjectId);
  if (to.status === 'closed') throw projectClosed(command.toProjectId);
  if (from.programCode && to.programCode !== from.programCode) throw E.programMismatch(command.toProjectId, from.programCode, to.programCode ?? null);
  return command.command === 'AllocateBudget' ? allocate(command, from, to, context) : carryForward(command, from, to);
}

/**
 * 分解下达. The parent's part becomes `allocated` (its budgetCurrent in progress drops by the amount), the
 * child receives a `supplementary` issuance linked by allocationId: in a region rollup the pair nets to zero,
 * so the money is counted once, in whichever unit holds it.
 */
function allocate(command: CommandOf<'AllocateBudget'>, from: ProjectState, to: ProjectState, context: TwoStreamContext): TwoStreamDecision {
  if (from.status === 'closed') throw projectClosed(command.fromProjectId);
  if (command.fiscalYear !== undefined && command.fiscalYear !== from.fiscalYear) {
    throw fiscalYearMismatch(command.fromProjectId, from.fiscalYear, command.fiscalYear);
  }
  if (to.fiscalYear !== from.fiscalYear) throw fiscalYearMismatch(command.toProjectId, to.fiscalYear, from.fiscalYear, 'toProjectId');
  if (yearOf(command.occurredOn) !== from.fiscalYear) throw dateOutsideFiscalYear(command.occurredOn, from.fiscalYear);
  const department = context.department;
  if (department?.status !== 'registered') throw unknownDepartment(to.departmentCode, 'toProjectId');
  if (department.parentCode !== from.departmentCode) {
    throw E.notASubordinate(command.toProjectId, to.departmentCode, from.departmentCode, department.parentCode ?? null);
  }
  const amount = money(command.amount);
  const unallocated = openBalanceOf(from);
  if (amount.gt(unallocated)) throw E.exceedsUnallocated(command.fromProjectId, unallocated, amount, from);
  const source = sourceOf(command.source, from);
  const document = command.document === undefined ? {} : { document: command.document };
  return {
    events: [
      {
        type: 'BudgetAllocated',
        data: { projectId: command.fromProjectId, toProjectId: command.toProjectId, occurredOn: command.occurredOn, amount: command.amount, source, ...document, allocationId: command.id },
      },
    ],
    alsoEvents: [
      {
        type: 'BudgetIssued',
        data: {
          projectId: command.toProjectId,
          occurredOn: command.occurredOn,
          amount: command.amount,
          source,
          basis: 'supplementary',
          ...document,
          allocationId: command.id,
          fromProjectId: command.fromProjectId,
        },
      },
      ...travellingTargets(command, to),
    ],
  };
}

/**
 * The 绩效目标 that travel with an allocation, as the child's `IndicatorSet` events (after its BudgetIssued). Each
 * must be new to the child project; its target text is kept as printed (parseTarget never refuses one).
 */
function travellingTargets(command: CommandOf<'AllocateBudget'>, to: ProjectState): DomainEvent[] {
  const seen = new Set<string>();
  return (command.targets ?? []).map((target, i) => {
    const field = `targets.${i}`;
    if (to.indicators.has(target.indicatorId)) throw E.targetAlreadySet(`${field}.indicatorId`, command.toProjectId, target.indicatorId, false);
    if (seen.has(target.indicatorId)) throw E.targetAlreadySet(`${field}.indicatorId`, command.toProjectId, target.indicatorId, true);
    seen.add(target.indicatorId);
    return { type: 'IndicatorSet', data: { projectId: command.toProjectId, ...target } } as DomainEvent;
  });
}

/**
 * 结转. The origin keeps its full-year budget (the year's 执行率 stays paid / 全年预算数, as seed 002 reports it);
 * `BalanceCarriedForward` (dated 12-31 of its year) records where the balance went, and the next year's project
 * receives a `carryover` issuance (counted in its 年初预算) linked by carryForwardId.
 */
function carryForward(command: CommandOf<'CarryForward'>, from: ProjectState, to: ProjectState): TwoStreamDecision {
  if (to.fiscalYear !== from.fiscalYear + 1) throw E.carryoverYear(command.toProjectId, from.fiscalYear + 1, to.fiscalYear);
  if (to.departmentCode !== from.departmentCode) throw E.carryoverDepartment(command.toProjectId, from.departmentCode, to.departmentCode);
  if (yearOf(command.occurredOn) !== to.fiscalYear) throw dateOutsideFiscalYear(command.occurredOn, to.fiscalYear);
  const amount = requestedFromBalance('carry', command.fromProjectId, command.amount, from);
  const text = formatYuan(amount);
  const source = sourceOf(command.source, from);
  const document = command.document === undefined ? {} : { document: command.document };
  return {
    events: [
      {
        type: 'BalanceCarriedForward',
        data: { projectId: command.fromProjectId, toProjectId: command.toProjectId, occurredOn: lastDayOfYear(from.fiscalYear), amount: text, source, ...document, carryForwardId: command.id },
      },
    ],
    alsoEvents: [
      {
        type: 'BudgetIssued',
        data: {
          projectId: command.toProjectId,
          occurredOn: command.occurredOn,
          amount: text,
          source,
          basis: 'carryover',
          ...document,
          carryForwardId: command.id,
          fromProjectId: command.fromProjectId,
        },
      },
    ],
  };
}

/** 年末注销 / 收回 of what is not carried: reconciliation balance = carried + cancelled. */
export function decideCancelBalance(command: CommandOf<'CancelBalance'>, state: ProjectState): DomainEvent[] {
  if (state.status === 'unregistered') throw unknownProject(command.projectId);
  if (command.fiscalYear !== undefined && command.fiscalYear !== state.fiscalYear) {
    throw fiscalYearMismatch(command.projectId, state.fiscalYear, command.fiscalYear);
  }
  const year = yearOf(command.occurredOn);
  if (year !== state.fiscalYear && year !== state.fiscalYear + 1) throw dateOutsideFiscalYear(command.occurredOn, state.fiscalYear);
  const amount = requestedFromBalance('cancel', command.projectId, command.amount, state);
  const { id: _id, command: _c, recordedAt: _r, fiscalYear: _y, ...data } = command;
  return [{ type: 'BalanceCancelled', data: { ...data, amount: formatYuan(amount) } }];
}

/** A registered parent department must exist before a child names it (so the hierarchy is a tree). */
export function requireParentDepartment(command: CommandOf<'RegisterDepartment'>, parent: DepartmentState | undefined): void {
  if (!command.parentCode) return;
  if (command.parentCode === command.departmentCode) throw E.selfParent(command.departmentCode);
  if (parent?.status !== 'registered') throw unknownDepartment(command.parentCode, 'parentCode');
}

function requestedFromBalance(what: 'carry' | 'cancel', projectId: string, requested: string | undefined, state: ProjectState): Decimal {
  const balance = openBalanceOf(state);
  if (!balance.gt(0)) throw E.noBalance(projectId);
  if (requested === undefined) return balance;
  const amount = money(requested);
  if (amount.gt(balance)) throw E.exceedsBalance(what, projectId, balance, amount, state);
  return amount;
}

function sourceOf(given: FundSource | undefined, from: ProjectState): FundSource {
  if (given) return given;
  if (from.sources.size === 1) return from.sources.first() as FundSource;
  throw E.sourceRequired(from.projectId, [...from.sources]);
}
