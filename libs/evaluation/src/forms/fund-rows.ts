import type Decimal from 'decimal.js';
import { Money, formatYuan, percent } from '@bem/domain';
import { type FundRow, type Traced, fundRowMeasure, namedFundMeasure, plus } from '../model/measures';
import type { ProjectFigures } from '../model/project-figures';

/** One row of the 项目资金 block: yuan strings (2 decimals), null where the form has no figure. */
export interface FundRowFigures {
  row: 'total' | FundRow | 'named';
  label: string;
  initial: string | null;
  full: string | null;
  executed: string | null;
  /** 执行率 = executed / full, percent with 2 decimals half-up; null when full is 0 or executed unknown */
  rate: string | null;
  evidence: string[];
  /** the events behind each column's figure */
  evidenceBy: { initial: string[]; full: string[]; executed: string[] };
  /** a named fund's sub-row: the fund */
  fund?: string;
}

export const FUND_ROW_LABELS: Record<'total' | FundRow, string> = {
  total: '年度资金总额', current: '其中：当年财政拨款', carryover: '上年结转资金', other: '其他资金',
};

const shown = (figure: Traced): string | null => (figure.evidence.length ? formatYuan(figure.value) : null);
const rateOf = (executed: Decimal | null, full: Traced): string | null => (executed === null || full.value.isZero() ? null : percent(executed, full.value));

/**
 * 年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金 (+ a 其中 row per named fund). A row no event speaks of is
 * blank, never an invented 0.00. Fiscal payments carry no basis: they are 当年 unless only 上年结转 has a budget; when
 * both have one and something was paid, the split is unknown and those two rows show no 执行数.
 */
export function fundRows(figures: ProjectFigures): FundRowFigures[] {
  const m = figures.measures;
  const cell = (row: FundRow) => ({ initial: m.get(fundRowMeasure(row, 'initial')), full: m.get(fundRowMeasure(row, 'full')) });
  const [current, carryover, other] = [cell('current'), cell('carryover'), cell('other')];
  const fiscalPaid = m.get('fund.fiscal.executed');
  const otherPaid = m.get(fundRowMeasure('other', 'executed'));
  const both = !current.full.value.isZero() && !carryover.full.value.isZero();
  const split = both && !fiscalPaid.value.isZero();
  const fiscalRow = carryover.full.value.isZero() || !current.full.value.isZero() ? 'current' : 'carryover';
  const zero: Traced = { value: new Money(0), evidence: [] };
  const executedOf = (row: 'current' | 'carryover'): Traced | null => (split ? null : both ? (row === 'current' ? fiscalPaid : zero) : row === fiscalRow ? fiscalPaid : zero);
  const totalExecuted = plus(fiscalPaid, otherPaid);
  const totalFull = plus(current.full, carryover.full, other.full);
  const rows: FundRowFigures[] = [{
    row: 'total', label: FUND_ROW_LABELS.total, initial: formatYuan(plus(current.initial, carryover.initial, other.initial).value),
    full: formatYuan(totalFull.value), executed: formatYuan(totalExecuted.value), rate: rateOf(totalExecuted.value, totalFull),
    evidence: [...totalFull.evidence, ...totalExecuted.evidence],
    evidenceBy: { initial: plus(current.initial, carryover.initial, other.initial).evidence, full: totalFull.evidence, executed: totalExecuted.evidence },
  }];
  for (const [row, figures_] of [['current', current], ['carryover', carryover], ['other', other]] as const) {
    const executed = row === 'other' ? (figures_.full.evidence.length || otherPaid.evidence.length ? otherPaid : null) : executedOf(row);
    const executedText = executed && (figures_.full.evidence.length || executed.evidence.length) ? formatYuan(executed.value) : null;
    rows.push({
      row, label: FUND_ROW_LABELS[row], initial: shown(figures_.initial) ?? (figures_.full.evidence.length ? '0.00' : null), full: shown(figures_.full),
      executed: executedText, rate: executedText === null ? null : rateOf(new Money(executedText), figures_.full),
      evidence: [...figures_.full.evidence, ...(executed?.evidence ?? [])],
      evidenceBy: { initial: figures_.initial.evidence, full: figures_.full.evidence, executed: executed?.evidence ?? [] },
    });
    for (const named of figures.namedFunds.filter((fund) => fund.row === row)) {
      const [initial, full] = [m.get(namedFundMeasure(named.fund, 'initial')), m.get(namedFundMeasure(named.fund, 'full'))];
      rows.push({ row: 'named', fund: named.fund, label: `其中：${named.fund}`, initial: shown(initial) ?? '0.00', full: shown(full), executed: null, rate: null, evidence: full.evidence, evidenceBy: { initial: initial.evidence, full: full.evidence, executed: [] } });
    }
  }
  return rows;
}
