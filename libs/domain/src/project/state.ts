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
      };
    case 'BudgetIssued':
      return { ...state, budget: state.budget.plus(money(event.data.amount)) };
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
      return { ...state, indicators: state.indicators.add(event.data.indicatorId) };
    case 'ProjectClosed':
      return { ...state, status: 'closed' };
    default:
      return state;
  }
}
