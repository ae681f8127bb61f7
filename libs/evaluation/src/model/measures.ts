import type Decimal from 'decimal.js';
import { type FundRow, Money, ZERO } from '@bem/domain';

/** A figure with the event ids it was computed from (every number in the report is traceable). */
export interface Traced {
  value: Decimal;
  evidence: string[];
}

export const traced = (value: Decimal = ZERO, evidence: string[] = []): Traced => ({ value, evidence });

/** Named sums of money with their evidence; measures are created on first use. */
export class Measures {
  private readonly values = new Map<string, Traced>();

  add(name: string, amount: Decimal.Value, eventId: string): void {
    const current = this.values.get(name);
    const delta = new Money(amount);
    if (!current) this.values.set(name, { value: delta, evidence: [eventId] });
    else {
      current.value = current.value.plus(delta);
      current.evidence.push(eventId);
    }
  }

  /** A figure computed elsewhere (the project-ledger fold), with its evidence; a figure no event speaks of is not kept. */
  record(name: string, value: Decimal, evidence: readonly string[]): void {
    if (evidence.length === 0) return;
    this.values.set(name, { value, evidence: [...evidence] });
  }

  get(name: string): Traced {
    return this.values.get(name) ?? traced();
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  /** Adds every measure of another set (department totals from projects). */
  merge(other: Measures): void {
    for (const name of other.names()) {
      const { value, evidence } = other.get(name);
      const current = this.values.get(name);
      if (!current) this.values.set(name, { value, evidence: [...evidence] });
      else {
        current.value = current.value.plus(value);
        for (const id of evidence) current.evidence.push(id);
      }
    }
  }
}

/** Sum of several traced figures, evidence concatenated. */
export function plus(...figures: Traced[]): Traced {
  let value: Decimal = ZERO;
  const evidence: string[] = [];
  for (const figure of figures) {
    value = value.plus(figure.value);
    for (const id of figure.evidence) evidence.push(id);
  }
  return { value, evidence };
}

/** part / whole in percent (full precision), null when whole is zero. */
export function rate(part: Traced, whole: Traced): Traced | null {
  if (whole.value.isZero()) return null;
  return { value: part.value.times(100).div(whole.value), evidence: [...part.evidence, ...whole.evidence] };
}

/** Measure names (Chinese in comments, stable English keys). */
export const M = {
  /** 年初预算: initial + carryover issuances */
  initial: 'budgetInitial',
  /** 调整预算 (全年预算): every issuance and adjustment */
  current: 'budgetCurrent',
  /** 执行数 / 决算数: payments net of reversals */
  paid: 'paid',
  arrived: 'arrived',
  /** 追加 (supplementary issuances and increases) */
  supplementary: 'supplementary',
  /** 调减 / 追减 / 注销 (as a positive amount) */
  decreased: 'decreased',
  /** 调剂 (transfer-in side of each pair, so a pair counts once) */
  transferred: 'transferred',
  procurementBudget: 'procurementBudget',
  procurementBudgetInitial: 'procurementBudgetInitial',
  procurementPaid: 'procurementPaid',
  threePublicBudget: 'threePublicBudget',
  threePublicBudgetInitial: 'threePublicBudgetInitial',
  threePublicPaid: 'threePublicPaid',
  assetPaid: 'assetPaid',
  /** 公用经费支出: payments on a public-expense basic line or flagged publicExpense */
  publicPaid: 'publicPaid',
  publicBudgetInitial: 'publicBudgetInitial',
  publicBudgetCurrent: 'publicBudgetCurrent',
  /** 上年结转 of a non-fiscal source (其他资金 row): the 年初结转和结余 that is no 财政拨款 */
  otherCarryover: 'otherCarryover',
  /** 财政拨款支出: payments charged to a fiscal source */
  fiscalPaid: 'fund.fiscal.executed',
} as const;

export const threePublicMeasure = (category: string) => `threePublic.${category}`;
export const sourceArranged = (source: string) => `source.${source}.arranged`;
export const sourceUsed = (source: string) => `source.${source}.used`;

/** 项目资金 rows of the 自评表 / 监控表 (the rule: libs/domain/src/ledger-fold/fund-rows.ts) */
export type { FundRow } from '@bem/domain';
/** row measures: `fund.<row>.initial` 年初预算数, `.full` 全年预算数, `.executed` 全年执行数 */
export const fundRowMeasure = (row: FundRow, column: 'initial' | 'full' | 'executed') => `fund.${row}.${column}`;
/** a named fund (彩票公益金 …) inside its row: the 其中 sub-row */
export const namedFundMeasure = (fund: string, column: 'initial' | 'full') => `named.${fund}.${column}`;
