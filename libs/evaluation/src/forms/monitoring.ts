import type Decimal from 'decimal.js';
import { DEVIATION_CAUSES, Money, fenOf, formatFen, formatYuan, parseActual, parseTarget, percent } from '@bem/domain';
import { elapsedFraction, elapsedShare, projectedYearEndPaid } from '@bem/monitoring';
import { type Traced, fundRowMeasure, plus } from '../model/measures';
import type { ProjectYear } from './project-year';

type Cause = (typeof DEVIATION_CAUSES)[number];

/** `bem monitor --json` (architecture §9). */
export interface MonitoringDocument {
  kind: 'monitoring';
  fiscalYear: number;
  asOf: string;
  /** 1-7月 for an as-of of 07-31 (the months whose last day has passed) */
  period: string;
  department: { code: string; name: string };
  projects: MonitoredProject[];
}

export interface MonitoredProject {
  projectId: string;
  name: string;
  departmentCode: string;
  departmentName: string;
  funds: { row: 'total' | 'fiscal' | 'other'; label: string; initial: string | null; full: string | null; executed: string | null; rate: string | null; forecast: string | null; forecastBy: 'office' | 'product' | null; evidence: string[];
    evidenceBy: { initial: string[]; full: string[]; executed: string[] } }[];
  goals: { expected: string | null; progress: string | null };
  indicators: {
    indicatorId: string; level1: string; level2: string; name: string; target: string; actual: string | null;
    forecast: string | null; causes: Cause[] | null; likelihood: 'certain' | 'possible' | 'impossible' | null; explanation: string | null;
  }[];
}

/** "1-7月": the months of the year whose last day is on or before asOf (domain §3; the central summary uses 1-7月). */
export function periodOf(asOf: string): string {
  const months = elapsedShare(asOf, 'months').times(12).toNumber();
  return months === 0 ? `${asOf.slice(5, 7).replace(/^0/, '')}月` : `1-${months}月`;
}

const shown = (figure: Traced): string | null => (figure.evidence.length ? formatYuan(figure.value) : null);

/** One project's 监控表 as of a date: money to date with the year forecast, indicators with the office's assessment. */
export function monitorProject(year: ProjectYear, asOf: string): MonitoredProject {
  const m = year.figures.measures;
  const row = (r: 'current' | 'carryover' | 'other', column: 'initial' | 'full') => m.get(fundRowMeasure(r, column));
  const fiscal = { initial: plus(row('current', 'initial'), row('carryover', 'initial')), full: plus(row('current', 'full'), row('carryover', 'full')), executed: m.get('fund.fiscal.executed') };
  const other = { initial: row('other', 'initial'), full: row('other', 'full'), executed: m.get(fundRowMeasure('other', 'executed')) };
  const total = { initial: plus(fiscal.initial, other.initial), full: plus(fiscal.full, other.full), executed: plus(fiscal.executed, other.executed) };
  const assessments = year.assessments.filter((event) => event.data.asOf === asOf);
  const money = [...assessments].reverse().find((event) => !event.data.indicatorId && event.data.forecast);
  // 序时进度 at the date: exact for the money forecast (integer fen), as a Decimal for the indicators' counts
  const elapsed = elapsedFraction(asOf, 'months');
  const share = elapsedShare(asOf, 'months');
  const forecastOf = (figures: typeof total, isTotal: boolean) => {
    if (isTotal && money?.data.forecast) return { forecast: formatYuan(new Money(money.data.forecast)), forecastBy: 'office' as const };
    if (elapsed.num === 0n || !figures.full.evidence.length) return { forecast: null, forecastBy: null };
    const [projected, full] = [projectedYearEndPaid(fenOf(formatYuan(figures.executed.value)), elapsed), fenOf(formatYuan(figures.full.value))];
    return { forecast: formatFen(projected < full ? projected : full), forecastBy: 'product' as const };
  };
  const fundRow = (key: 'total' | 'fiscal' | 'other', label: string, figures: typeof total) => ({
    row: key, label, initial: shown(figures.initial) ?? (key === 'total' ? '0.00' : null), full: shown(figures.full) ?? (key === 'total' ? '0.00' : null),
    executed: figures.full.evidence.length || figures.executed.evidence.length ? formatYuan(figures.executed.value) : null,
    rate: figures.full.value.isZero() ? null : percent(figures.executed.value, figures.full.value),
    ...forecastOf(figures, key === 'total'), evidence: [...figures.full.evidence, ...figures.executed.evidence],
    evidenceBy: { initial: figures.initial.evidence, full: figures.full.evidence, executed: figures.executed.evidence },
  });
  return {
    projectId: year.figures.projectId, name: year.figures.name, departmentCode: year.departmentCode, departmentName: year.departmentName,
    funds: [fundRow('total', '年度资金总额', total), fundRow('fiscal', '其中：财政拨款', fiscal), fundRow('other', '其他资金', other)],
    goals: { expected: year.texts.get('goal')?.data.text ?? null, progress: [...assessments].reverse().find((event) => !event.data.indicatorId && event.data.explanation)?.data.explanation ?? null },
    indicators: year.figures.indicators.map((facts) => {
      const assessment = [...assessments].reverse().find((event) => event.data.indicatorId === facts.indicatorId);
      const actual = facts.actual?.data.value ?? null;
      return {
        indicatorId: facts.indicatorId, level1: facts.set.data.level1, level2: facts.set.data.level2, name: facts.set.data.name, target: facts.set.data.target, actual,
        forecast: assessment?.data.forecast ?? productForecast(facts.set.data.target, actual, share),
        causes: assessment ? assessment.data.causes : null, likelihood: assessment?.data.likelihood ?? null, explanation: assessment?.data.explanation ?? null,
      };
    }),
  };
}

/** A count done so far run on to the year end at the same pace; a rate or anything else stays as it is; no actual, no forecast. */
function productForecast(targetText: string, actual: string | null, elapsed: Decimal): string | null {
  if (actual === null) return null;
  const target = parseTarget(targetText);
  if (target.kind !== 'compare' || target.unit.dimension !== 'count' || elapsed.isZero()) return actual;
  try {
    const parsed = parseActual(actual, target);
    if (parsed.kind !== 'number') return actual;
    const projected = new Money(parsed.value).div(target.unit.factor).div(elapsed).toDecimalPlaces(0, Money.ROUND_HALF_UP);
    return `${projected.toString()}${target.unit.text}`;
  } catch {
    return actual;
  }
}
