import type { z } from 'zod';
import { fenOf } from '../shared/fen';
import { EVENT_SCHEMAS } from '../ledger/events';
import { type StoredEventInput, storedEventInvalid } from '../ledger/stored-events';

/**
 * What one money event moves in the four progress measures, in integer fen (signed), and in what the monitoring
 * rules count (Σ 调整, and how many issuances / arrivals / payments). The one mapping of money events to 年初预算 /
 * 全年预算 / 到位 / 支付 / 调整: the project-ledger fold and the packed progress read model both use it.
 */
export interface Movement {
  projectId: string;
  occurredOn: string;
  budgetInitial: bigint;
  budgetCurrent: bigint;
  arrived: bigint;
  paid: bigint;
  /** Σ |调整| + 追加 issuances: every change after the opening budget (编制准确, large-adjustment rule) */
  changes: bigint;
  /** 1 for a BudgetIssued (the first one dates 首次下达), else 0 */
  issuances: bigint;
  /** 1 for a FundsArrived, else 0 */
  arrivals: bigint;
  /** 1 for a PaymentMade (reversals are not payments: they do not date 最近支付), else 0 */
  payments: bigint;
}

interface Moves {
  budgetInitial?: bigint;
  budgetCurrent?: bigint;
  arrived?: bigint;
  paid?: bigint;
  changes?: bigint;
  issuances?: bigint;
  arrivals?: bigint;
  payments?: bigint;
}

const move = (data: { projectId: string; occurredOn: string }, moves: Moves): Movement => ({
  projectId: data.projectId,
  occurredOn: data.occurredOn,
  budgetInitial: moves.budgetInitial ?? 0n,
  budgetCurrent: moves.budgetCurrent ?? 0n,
  arrived: moves.arrived ?? 0n,
  paid: moves.paid ?? 0n,
  changes: moves.changes ?? 0n,
  issuances: moves.issuances ?? 0n,
  arrivals: moves.arrivals ?? 0n,
  payments: moves.payments ?? 0n,
});
const abs = (fen: bigint) => (fen < 0n ? -fen : fen);

/** 年初预算 = issuances with basis initial or carryover (上年结转); 追加 (supplementary) changes only the current budget. */
export const countsAsInitial = (basis: string): boolean => basis === 'initial' || basis === 'carryover';

/** The money event types (everything else moves no figure of progress). */
export const MONEY_EVENT_TYPES = ['BudgetIssued', 'BudgetAdjusted', 'BudgetAllocated', 'FundsArrived', 'PaymentMade', 'PaymentReversed'] as const;

const fact = { projectId: true, occurredOn: true } as const;
/** The fields of each money event that the mapping reads: what a reader of movements alone parses. */
const MOVEMENT_SCHEMAS = {
  BudgetIssued: EVENT_SCHEMAS.BudgetIssued.pick({ ...fact, amount: true, basis: true }),
  BudgetAdjusted: EVENT_SCHEMAS.BudgetAdjusted.pick({ ...fact, delta: true }),
  BudgetAllocated: EVENT_SCHEMAS.BudgetAllocated.pick({ ...fact, amount: true }),
  FundsArrived: EVENT_SCHEMAS.FundsArrived.pick({ ...fact, amount: true }),
  PaymentMade: EVENT_SCHEMAS.PaymentMade.pick({ ...fact, amount: true }),
  PaymentReversed: EVENT_SCHEMAS.PaymentReversed.pick({ ...fact, amount: true }),
} as const;
type MoneyType = keyof typeof MOVEMENT_SCHEMAS;

/** A money event as far as the mapping reads it (every parsed DomainEvent of a money type is one). */
export type MoneyEvent = { [K in MoneyType]: { readonly type: K; readonly data: z.output<(typeof MOVEMENT_SCHEMAS)[K]> } }[MoneyType];
const isMoneyType = (type: string): type is MoneyType => type in MOVEMENT_SCHEMAS;

/**
 * What a stored event moves, parsing only the fields the mapping reads (the progress read model's hot path:
 * a third of the cost of parsing the whole event). Throws StoredEventInvalid like parseStoredEvent.
 */
export function movementOfStored(event: StoredEventInput): Movement | null {
  if (!isMoneyType(event.type)) return null;
  const parsed = MOVEMENT_SCHEMAS[event.type].safeParse(event.data);
  if (!parsed.success) {
    throw storedEventInvalid(event, parsed.error.issues);
  }
  return movementOf({ type: event.type, data: parsed.data } as MoneyEvent);
}

/** What a money event moves (null: the event moves no money). */
export function movementOf(event: MoneyEvent | { readonly type: string; readonly data: unknown }): Movement | null {
  if (!isMoneyEvent(event)) return null;
  switch (event.type) {
    case 'BudgetIssued': {
      const amount = fenOf(event.data.amount);
      const supplementary = event.data.basis === 'supplementary';
      return move(event.data, { budgetInitial: countsAsInitial(event.data.basis) ? amount : 0n, budgetCurrent: amount, changes: supplementary ? amount : 0n, issuances: 1n });
    }
    case 'BudgetAdjusted': {
      const delta = fenOf(event.data.delta);
      return move(event.data, { budgetCurrent: delta, changes: abs(delta) });
    }
    // 分解下达: the parent's budget goes down by what it passed to a child department, which receives it as an
    // issuance; summed over a region the pair nets to zero (no double counting). 结转 / 注销 restate nothing.
    case 'BudgetAllocated':
      return move(event.data, { budgetCurrent: -fenOf(event.data.amount) });
    case 'FundsArrived':
      return move(event.data, { arrived: fenOf(event.data.amount), arrivals: 1n });
    case 'PaymentMade':
      return move(event.data, { paid: fenOf(event.data.amount), payments: 1n });
    case 'PaymentReversed':
      return move(event.data, { paid: -fenOf(event.data.amount) });
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

const isMoneyEvent = (event: { type: string }): event is MoneyEvent => isMoneyType(event.type);
