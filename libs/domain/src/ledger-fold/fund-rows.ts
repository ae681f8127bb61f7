import { fenOf } from '../shared/fen';
import type { ProjectLedger } from './project-ledger';

/**
 * The 项目资金 rows of the 自评表 / 监控表 (财预〔2020〕10号): 当年财政拨款 (current), 上年结转资金 (carryover), 其他资金
 * (other). An issuance goes to the row of its source and basis; adjustments and 分解下达 name no row and are
 * charged to the row of the first issuance. Payments carry no basis: they are fiscal (当年 or 上年结转) unless
 * paid from 其他资金.
 */
export type FundRow = 'current' | 'carryover' | 'other';

export const fundRowOf = (source: string, basis: string): FundRow => (source === 'other' ? 'other' : basis === 'carryover' ? 'carryover' : 'current');

/** An amount in fen with the events behind it. */
export interface TracedFen {
  fen: bigint;
  evidence: string[];
}

export interface FundRowBudget {
  /** 年初预算数: issuances other than 追加 */
  initial: TracedFen;
  /** 全年预算数 */
  full: TracedFen;
}

export interface ProjectFundRows {
  /** the row of the first issuance (where adjustments are charged) */
  mainRow: FundRow;
  budget: Record<FundRow, FundRowBudget>;
  /** 全年执行数: fiscal payments (当年 + 上年结转 together) and those paid from 其他资金 */
  executed: { fiscal: TracedFen; other: TracedFen };
  /** named funds (IssueBudget.fund, e.g. 彩票公益金) in the order they first appear, inside their row */
  named: ({ fund: string; row: FundRow } & FundRowBudget)[];
}

const none = (): TracedFen => ({ fen: 0n, evidence: [] });
const budget = (): FundRowBudget => ({ initial: none(), full: none() });
const add = (figure: TracedFen, fen: bigint, eventId: string) => {
  figure.fen += fen;
  figure.evidence.push(eventId);
};

export function fundRowsOf(ledger: ProjectLedger): ProjectFundRows {
  const first = ledger.issuances[0]?.data;
  const mainRow = first ? fundRowOf(first.source, first.basis) : 'current';
  const rows: ProjectFundRows = { mainRow, budget: { current: budget(), carryover: budget(), other: budget() }, executed: { fiscal: none(), other: none() }, named: [] };
  for (const { eventId, data } of ledger.issuances) {
    const row = fundRowOf(data.source, data.basis);
    const amount = fenOf(data.amount);
    const initial = data.basis !== 'supplementary';
    add(rows.budget[row].full, amount, eventId);
    if (initial) add(rows.budget[row].initial, amount, eventId);
    if (!data.fund) continue;
    let named = rows.named.find((fund) => fund.fund === data.fund);
    if (!named) rows.named.push((named = { fund: data.fund, row, ...budget() }));
    add(named.full, amount, eventId);
    if (initial) add(named.initial, amount, eventId);
  }
  for (const { eventId, data } of ledger.adjustments) add(rows.budget[mainRow].full, fenOf(data.delta), eventId);
  for (const { eventId, data } of ledger.allocations) add(rows.budget[mainRow].full, -fenOf(data.amount), eventId);
  for (const payment of ledger.payments.values()) {
    const figure = payment.data.source === 'other' ? rows.executed.other : rows.executed.fiscal;
    add(figure, payment.standing, payment.eventId);
    figure.evidence.push(...payment.reversalIds);
  }
  return rows;
}
