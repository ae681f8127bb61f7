import { M, type Measures, type Traced, plus, rate, traced } from './measures';
import type { Ratio } from './report';
import { pct } from './figure-index';
import type { MetricName } from '../profiles/scoring-profile';

/** Department ratios (部门整体): each with its formula and evidence; percent with full precision inside. */
export interface RatioFigures {
  list: Ratio[];
  metrics: Record<MetricName, Traced | null>;
}

const difference = (a: Traced, b: Traced): Traced => ({ value: a.value.minus(b.value).abs(), evidence: [...a.evidence, ...b.evidence] });

export function departmentRatios(m: Measures): RatioFigures {
  const current = m.get(M.current);
  const initial = m.get(M.initial);
  const paid = m.get(M.paid);
  const arrived = m.get(M.arrived);
  const metrics: Record<MetricName, Traced | null> = {
    executionRate: rate(paid, current),
    arrivalRate: arrived.evidence.length ? rate(arrived, current) : null,
    adjustmentRate: rate(difference(current, initial), initial),
    transferRate: rate(m.get(M.transferred), initial),
    carryoverRate: rate({ value: current.value.minus(paid.value), evidence: [...current.evidence, ...paid.evidence] }, current),
    procurementRate: rate(m.get(M.procurementPaid), m.get(M.procurementBudget)),
    publicControlRate: rate(m.get(M.publicPaid), m.get(M.publicBudgetInitial)),
    threePublicControlRate: rate(m.get(M.threePublicPaid), m.get(M.threePublicBudget)),
  };
  const rows: [MetricName, string, string][] = [
    ['executionRate', '预算执行率', '执行数 / 调整预算数 × 100%'],
    ['arrivalRate', '资金到位率', '到位资金 / 调整预算数 × 100%（未登记到位时不计）'],
    ['adjustmentRate', '预算调整率', '|调整预算数 − 年初预算数| / 年初预算数 × 100%'],
    ['transferRate', '预算调剂率', '调剂金额（调入方合计，每对计一次）/ 年初预算数 × 100%'],
    ['carryoverRate', '结转结余率', '(调整预算数 − 执行数) / 调整预算数 × 100%'],
    ['procurementRate', '政府采购执行率', '政府采购支付（登记为政府采购的支付，扣除冲销）/ 政府采购预算（下达时登记的政府采购金额）× 100%'],
    ['publicControlRate', '公用经费控制率', '公用经费实际支出（公用经费基本支出及登记为公用经费的支付）/ 年初公用经费预算 × 100%'],
    ['threePublicControlRate', '三公经费控制率', '三公经费实际支出 / 三公经费预算 × 100%'],
  ];
  return { metrics, list: rows.map(([key, name, formula]) => ({ key, name, value: pct(metrics[key]), formula, evidence: metrics[key]?.evidence ?? [] })) };
}

export const noFigure = traced();
export { plus };
