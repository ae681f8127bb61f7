import type Decimal from 'decimal.js';
import { Map as ImmutableMap, Set as ImmutableSet } from 'immutable';
import type { DomainEvent } from '../ledger/events';
import { ZERO, money } from '../shared/money';

export interface PaymentRecord {
  readonly amount: string;
  readonly reversed: boolean;
}

export interface ProjectState {
  readonly status: 'unregistered' | 'open' | 'closed';
  readonly projectId: string;
  readonly departmentCode: string;
  readonly fiscalYear: number;
  /** Everything issued and adjusted, whatever its date. */
  readonly budget: Decimal;
  /** Payments net of reversals, whatever their date. */
  readonly paid: Decimal;
  /** Persistent (structurally shared) collections: evolve stays pure without copying long histories. */
  readonly payments: ImmutableMap<string, PaymentRecord>;
  readonly indicators: ImmutableSet<string>;
  /** 分值 of the indicators that carry one (an office score may not exceed it) */
  readonly indicatorWeights: ImmutableMap<string, string>;
  /** 转移支付项目 the project belongs to (RegisterProject.programCode). */
  readonly programCode?: string;
  /** Fund sources of its issuances (分解下达 / 结转 default to the only one). */
  readonly sources: ImmutableSet<string>;
  /** 分解下达 to child departments' projects: no longer this project's to spend. */
  readonly allocated: Decimal;
  /** 结转 to the next year and 年末注销: the balance disposed of at the year boundary. */
  readonly carried: Decimal;
  readonly cancelled: Decimal;
}

/** What is left to spend, allocate, carry or cancel: budget − allocated − paid − carried − cancelled. */
export function openBalanceOf(state: ProjectState): Decimal {
  // Exact decimal arithmetic: skipping the (usually zero) terms changes nothing but the garbage made per payment.
  let balance = state.budget.minus(state.paid);
  if (!state.allocated.isZero()) balance = balance.minus(state.allocated);
  if (!state.carried.isZero()) balance = balance.minus(state.carried);
  if (!state.cancelled.isZero()) balance = balance.minus(state.cancelled);
  return balance;
}

/** What the payment decision will allow, with its terms (元 strings): the one figure a form shows before submitting. */
export function availableBudgetOf(state: ProjectState) {
  return {
    status: state.status,
    available: openBalanceOf(state).toFixed(2),
    budget: state.budget.toFixed(2),
    paid: state.paid.toFixed(2),
    allocated: state.allocated.toFixed(2),
    carried: state.carried.toFixed(2),
    cancelled: state.cancelled.toFixed(2),
  };
}

export const initialProjectState = (): ProjectState => ({
  status: 'unregistered',
  projectId: '',
  departmentCode: '',
  fiscalYear: 0,
  budget: ZERO,
  paid: ZERO,
  payments: ImmutableMap(),
  indicators: ImmutableSet(),
  indicatorWeights: ImmutableMap(),
  sources: ImmutableSet(),
  allocated: ZERO,
  carried: ZERO,
  cancelled: ZERO,
});

export function evolveProject(state: ProjectState, event: DomainEvent): ProjectState {
  switch (event.type) {
    case 'ProjectRegistered':
      return {
        ...state,
        status: 'open',
        projectId: event.data.projectId,
        departmentCode: event.data.departmentCode,
        fiscalYear: event.data.fiscalYear,
        programCode: event.data.programCode,
      };
    case 'BudgetIssued':
      return { ...state, budget: state.budget.plus(money(event.data.amount)), sources: state.sources.add(event.data.source) };
    case 'BudgetAdjusted':
      return { ...state, budget: state.budget.plus(money(event.data.delta)) };
    case 'PaymentMade':
      return {
        ...state,
        paid: state.paid.plus(money(event.data.amount)),
        payments: state.payments.set(event.data.paymentId, { amount: event.data.amount, reversed: false }),
      };
    case 'PaymentReversed':
      return {
        ...state,
        paid: state.paid.minus(money(event.data.amount)),
        payments: state.payments.set(event.data.paymentId, { amount: event.data.amount, reversed: true }),
      };
    case 'IndicatorSet':
      return {
        ...state,
        indicators: state.indicators.add(event.data.indicatorId),
        indicatorWeights: event.data.weight ? state.indicatorWeights.set(event.data.indicatorId, event.data.weight) : state.indicatorWeights.delete(event.data.indicatorId),
      };
    case 'ProjectClosed':
      return { ...state, status: 'closed' };
    case 'BudgetAllocated':
      return { ...state, allocated: state.allocated.plus(money(event.data.amount)) };
    case 'BalanceCarriedForward':
      return { ...state, carried: state.carried.plus(money(event.data.amount)) };
    case 'BalanceCancelled':
      return { ...state, cancelled: state.cancelled.plus(money(event.data.amount)) };
    default:
      return state;
  }
}
