import type Decimal from 'decimal.js';
import { Money } from '@bem/domain';
import type { CheckpointReport } from '@bem/monitoring';
import { type ItemSpec, type MetricName, type ScoringProfile, isIndicatorSection } from '../profiles/scoring-profile';
import type { Traced } from '../model/measures';
import type { DepartmentYear } from '../model/read-department';
import type { IndicatorRow, ScoredItem, ScoredSection } from '../model/report';
import { roundScore, scoreNumeric, scoreQualitative } from './rules';

export interface ScoringInputs {
  profile: ScoringProfile;
  metrics: Record<MetricName, Traced | null>;
  checkpoints: CheckpointReport;
  indicators: IndicatorRow[];
  year: DepartmentYear;
}

const METRIC_LABEL: Record<MetricName, string> = {
  executionRate: '预算执行率', arrivalRate: '资金到位率', adjustmentRate: '预算调整率', transferRate: '预算调剂率',
  carryoverRate: '结转结余率', procurementRate: '政府采购执行率', publicControlRate: '公用经费控制率', threePublicControlRate: '三公经费控制率',
};

const sumScores = (scores: (string | null)[]): string => roundScore(scores.reduce<Decimal>((total, score) => (score === null ? total : total.plus(score)), new Money(0)));

/** Scores every section of the profile: rule items from the figures, the indicator section from the indicator rows. */
export function scoreSections(inputs: ScoringInputs): ScoredSection[] {
  return inputs.profile.sections.map((section) => {
    if (isIndicatorSection(section)) {
      const items = Object.entries(section.indicators.weights).map(([level, weight]) => indicatorItem(level, weight, inputs.indicators));
      return { name: section.name, weight: sumScores(items.map((item) => item.weight)), score: sumScores(items.map((item) => item.score)), items };
    }
    const items = section.items.map((item) => scoreItem(item, inputs));
    return { name: section.name, weight: sumScores(items.map((item) => item.weight)), score: sumScores(items.map((item) => item.score)), items };
  });
}

/**
 * A level of the indicator section: the department's own indicators (部门整体 targets) only — a project's 分值 belong to
 * its own 自评表 and are never added up across projects — scored as the share of their 分值 attained, so the level
 * never scores above its weight (architecture §9).
 */
function indicatorItem(level: string, weight: string, rows: IndicatorRow[]): ScoredItem {
  const mine = rows.filter((row) => row.projectId === null && row.level1.replace(/指标$/, '') === level.replace(/指标$/, ''));
  const scored = mine.filter((row) => row.score !== null && row.weight !== null);
  const pending = mine.length - scored.length;
  const levelWeight = new Money(weight);
  const possible = scored.reduce<Decimal>((total, row) => total.plus(row.weight as string), new Money(0));
  const attained = scored.reduce<Decimal>((total, row) => total.plus(row.score as string), new Money(0));
  const score = possible.isZero() ? null : Money.min(levelWeight.times(attained).div(possible), levelWeight);
  return {
    name: level, weight: roundScore(levelWeight), score: score === null ? null : roundScore(score),
    formula: score === null
      ? `部门整体绩效指标（${mine.length} 项）尚无得分；项目指标在各项目自评表中评分，不计入部门总分`
      : `${roundScore(levelWeight)} × 已得分 ${roundScore(attained)} / 分值 ${roundScore(possible)}（部门整体指标 ${mine.length} 项${pending ? `，${pending} 项未得分` : ''}）`,
    inputs: { 指标数: String(mine.length), 已完成: String(mine.filter((row) => row.met === true).length), 未完成: String(mine.filter((row) => row.met === false).length) },
    evidence: mine.flatMap((row) => row.evidence), basis: score === null ? 'pending' : 'computed',
  };
}

function scoreItem(item: ItemSpec, inputs: ScoringInputs): ScoredItem {
  const weight = new Money(item.weight);
  const base = { name: item.name, weight: roundScore(weight) };
  const rule = item.rule;
  if (rule.shape === 'manual') {
    const recorded = [...inputs.year.manualScores].reverse().find((event) => event.data.item === item.name && (!event.data.profile || event.data.profile === inputs.profile.name));
    if (!recorded) return { ...base, score: null, formula: '人工评分（待评分）', inputs: {}, evidence: [], basis: 'pending' };
    const score = Money.min(new Money(recorded.data.score), weight);
    return { ...base, score: roundScore(score), formula: '人工评分', inputs: { 录入得分: recorded.data.score }, evidence: [recorded.id], basis: 'manual', justification: recorded.data.justification };
  }
  if (rule.shape === 'qualitative') {
    const recorded = [...inputs.year.assessments].reverse().find((event) => event.data.item === item.name && (!event.data.profile || event.data.profile === inputs.profile.name));
    if (!recorded) return { ...base, score: null, formula: '定性评价（待评价）', inputs: {}, evidence: [], basis: 'pending' };
    const result = scoreQualitative(weight, recorded.data.level, recorded.data.percent);
    return { ...base, score: roundScore(result.score), formula: result.formula, inputs: { 等级: recorded.data.level }, evidence: [recorded.id], basis: 'qualitative', justification: recorded.data.justification };
  }
  if (rule.shape === 'checkpoint-ratio') {
    const rows = inputs.checkpoints.checkpoints;
    const parts = rows.map((row) => `${row.weight} × min(${row.progress ?? '—'}% / ${row.target}%, 1) = ${row.score ?? '—'}`);
    return {
      ...base, score: rows.length ? inputs.checkpoints.totalScore : null,
      formula: rows.length ? `${parts.join('；')}；合计 ${inputs.checkpoints.totalScore}` : '检查点尚未到期',
      inputs: Object.fromEntries(rows.map((row) => [`${row.label}进度`, row.progress])),
      evidence: rows.map((row) => row.evaluationId), basis: rows.length ? 'computed' : 'pending',
    };
  }
  const metric = inputs.metrics[rule.input];
  const label = METRIC_LABEL[rule.input];
  if (!metric) return { ...base, score: null, formula: `${label}无法计算（分母为零或未登记）`, inputs: { [label]: null }, evidence: [], basis: 'pending' };
  const result = scoreNumeric(rule, weight, metric.value);
  return { ...base, score: roundScore(result.score), formula: result.formula, inputs: { [label]: metric.value.toFixed(2, Money.ROUND_HALF_UP) }, evidence: metric.evidence, basis: 'computed' };
}
