import { fenOf } from '../shared/fen';
import type { DomainEvent } from '../ledger/events';

/**
 * What one money event moves in the four progress measures, in integer fen (signed). The one mapping of money
 * events to 年初预算 / 全年预算 / 到位 / 支付: the project-ledger fold and the packed progress read model both use it.
 */
export interface Movement {
  projectId: string;
  occurredOn: string;
  budgetInitial: bigint;
  budgetCurrent: bigint;
  arrived: bigint;
  paid: bigint;
}

const move = (data: { projectId: string; occurredOn: string }, budgetInitial: bigint, budgetCurrent: bigint, arrived: bigint, paid: bigint): Movement => ({
  projectId: data.projectId,
  occurredOn: data.occurredOn,
  budgetInitial,
  budgetCurrent,
  arrived,
  paid,
});

/** 年初预算 = issuances with basis initial or carryover (上年结转); 追加 (supplementary) changes only the current budget. */
export const countsAsInitial = (basis: string): boolean => basis === 'initial' || basis === 'carryover';

/** The money event types (everything else moves no figure of progress). */
export const MONEY_EVENT_TYPES = ['BudgetIssued', 'BudgetAdjusted', 'BudgetAllocated', 'FundsArrived', 'PaymentMade', 'PaymentReversed'] as const;

/** What a money event moves (null: the event moves no money). */
export function movementOf(event: DomainEvent): Movement | null {
  switch (event.type) {
    case 'BudgetIssued': {
      const amount = fenOf(event.data.amount);
      return move(event.data, countsAsInitial(event.data.basis) ? amount : 0n, amount, 0n, 0n);
    }
    case 'BudgetAdjusted':
      return move(event.data, 0n, fenOf(event.data.delta), 0n, 0n);
    // 分解下达: the parent's budget goes down by what it passed to a child department, which receives it as an
    // issuance; summed over a region the pair nets to zero (no double counting). 结转 / 注销 restate nothing.
    case 'BudgetAllocated':
      return move(event.data, 0n, -fenOf(event.data.amount), 0n, 0n);
    case 'FundsArrived':
      return move(event.data, 0n, 0n, fenOf(event.data.amount), 0n);
    case 'PaymentMade':
      return move(event.data, 0n, 0n, 0n, fenOf(event.data.amount));
    case 'PaymentReversed':
      return move(event.data, 0n, 0n, 0n, -fenOf(event.data.amount));
    default:
      return null;
  }
}
