import type Decimal from 'decimal.js';
import { Money, assess, parseActual, parseTarget } from '@bem/domain';
import type { IndicatorFacts } from '../model/project-figures';
import type { ProjectFormSpec } from '../profiles/scoring-profile';
import { roundScore, scoreNumeric } from '../scoring/rules';
import type { ProjectYear } from './project-year';

/** One indicator row of a project form, scored (architecture §9 `indicators`). */
export interface ScoredIndicator {
  indicatorId: string;
  level1: string;
  level2: string;
  name: string;
  /** as printed */
  target: string;
  actual: string | null;
  /** 分值 after any rescaling, 2 decimals */
  weight: string;
  /** recomputed 得分 (≤ weight), null when it cannot be computed and the office gave none */
  score: string | null;
  officeScore: string | null;
  met: boolean | null;
  /** 偏差原因分析及改进措施: the office's reason */
  reason: string | null;
  /** how the score was reached, in Chinese */
  formula: string;
  evidence: string[];
}

const levelKey = (level1: string) => level1.replace(/指标$/, '');
const COMPARISON = /较往年(提升|提高|持平|下降|降低)/;

/** 分值 per indicator: its own, else its level's weight shared evenly; rescaled to `total` when they do not add up to it. */
export function indicatorWeights(indicators: readonly IndicatorFacts[], spec: ProjectFormSpec): { weights: Decimal[]; factor: Decimal; note: string | null } {
  const counts = new Map<string, number>();
  for (const facts of indicators) if (!facts.set.data.weight) counts.set(levelKey(facts.set.data.level1), (counts.get(levelKey(facts.set.data.level1)) ?? 0) + 1);
  const raw = indicators.map((facts) => {
    if (facts.set.data.weight) return new Money(facts.set.data.weight);
    const level = Object.entries(spec.levelWeights).find(([name]) => levelKey(name) === levelKey(facts.set.data.level1));
    return level ? new Money(level[1]).div(counts.get(levelKey(facts.set.data.level1)) ?? 1) : new Money(0);
  });
  const sum = raw.reduce((total, weight) => total.plus(weight), new Money(0));
  if (!spec.indicatorTotal || sum.isZero() || sum.eq(spec.indicatorTotal)) return { weights: raw, factor: new Money(1), note: null };
  const factor = new Money(spec.indicatorTotal).div(sum);
  return {
    weights: raw.map((weight) => weight.times(factor)), factor,
    note: `绩效指标分值合计 ${roundScore(sum)} 分，不等于 ${spec.indicatorTotal} 分，已按 ${spec.indicatorTotal} 分等比例折算。`,
  };
}

/** Scores every indicator of the project: computed where the figures allow, else the office's own score. */
export function scoreIndicators(year: ProjectYear, spec: ProjectFormSpec): { rows: ScoredIndicator[]; note: string | null } {
  const indicators = year.figures.indicators;
  const { weights, factor, note } = indicatorWeights(indicators, spec);
  return { rows: indicators.map((facts, i) => scoreOne(facts, weights[i], factor, year, spec)), note };
}

/** `factor`: the office scored out of the 分值 as set, so its score is rescaled with them. */
function scoreOne(facts: IndicatorFacts, weight: Decimal, factor: Decimal, year: ProjectYear, spec: ProjectFormSpec): ScoredIndicator {
  const set = facts.set.data;
  const office = year.officeScores.get(facts.indicatorId) ?? null;
  const actual = facts.actual?.data.value ?? null;
  const evidence = [facts.set.id, ...(facts.actual ? [facts.actual.id] : []), ...(office ? [office.id] : [])];
  const base = {
    indicatorId: facts.indicatorId, level1: set.level1, level2: set.level2, name: set.name, target: set.target, actual,
    weight: roundScore(weight), officeScore: office ? roundScore(Money.min(new Money(office.data.score).times(factor), weight)) : null,
    reason: office?.data.reason ?? null, evidence,
  };
  const computed = computeScore(set.target, actual, weight, set.level2, spec);
  if (computed) return { ...base, score: roundScore(Money.min(computed.score, weight)), met: computed.met, formula: computed.formula };
  if (office) return { ...base, score: base.officeScore, met: null, formula: '定性指标，采用单位自评得分' };
  return { ...base, score: null, met: null, formula: actual === null ? '未填报实际完成值' : '定性指标，待评分' };
}

interface Computed { score: Decimal; met: boolean | null; formula: string }

function computeScore(targetText: string, actual: string | null, weight: Decimal, level2: string, spec: ProjectFormSpec): Computed | null {
  if (actual === null) return null;
  const target = parseTarget(targetText);
  const w = roundScore(weight);
  if (target.kind === 'qualitative') {
    const comparison = COMPARISON.exec(actual);
    if (!comparison) return null;
    const share = /提升|提高/.test(comparison[1]) ? 1 : comparison[1] === '持平' ? 0.6 : 0;
    return { score: weight.times(share), met: share === 1, formula: `${comparison[0]}：满分 较往年提升，合格 持平（60%），零分 下降` };
  }
  let parsed;
  try {
    parsed = parseActual(actual, target);
  } catch {
    return null;
  }
  const satisfaction = spec.scoringTable?.satisfaction;
  if (satisfaction && /满意/.test(level2) && target.kind === 'compare' && target.unit.dimension === 'percent' && parsed.kind === 'number') {
    const rule = { shape: 'piecewise' as const, input: 'executionRate' as const, full: target.value, pass: satisfaction.pass, zero: satisfaction.zero };
    const result = scoreNumeric(rule, weight, new Money(parsed.value));
    return { score: result.score, met: new Money(parsed.value).gte(target.value), formula: `满分：≥${target.value}%；合格：${satisfaction.pass}%；零分：≤${satisfaction.zero}%（${result.formula}）` };
  }
  const result = assess(target, parsed);
  if (!result.attainment) return null;
  const share = result.attainment.toDecimalPlaces(4).toString();
  const formula = target.direction === 'lower' ? `达到目标值得 ${w} 分，否则按目标值/实际值×${w}分（完成比例 ${share}）` : `实际完成值/年度指标值×${w}分（达到目标值按 ${w} 分计算；完成比例 ${share}）`;
  return { score: weight.times(result.attainment), met: result.met, formula };
}
