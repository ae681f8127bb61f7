import type Decimal from 'decimal.js';
import { DomainError, Money, assess, parseActual, parseTarget } from '@bem/domain';
import type { IndicatorFacts } from './project-figures';
import type { DepartmentYear } from './read-department';
import type { IndicatorRow } from './report';
import { roundScore, scoreQualitative } from '../scoring/rules';

const levelKey = (level1: string) => level1.replace(/指标$/, '');

/** The weight of each indicator: its own 分值, else its level-1 weight shared evenly among that level's indicators. */
function weightsOf(indicators: readonly IndicatorFacts[], levelWeights: Record<string, string>): Map<IndicatorFacts, Decimal | null> {
  const counts = new Map<string, number>();
  for (const facts of indicators) if (!facts.set.data.weight) counts.set(levelKey(facts.set.data.level1), (counts.get(levelKey(facts.set.data.level1)) ?? 0) + 1);
  const weights = new Map<IndicatorFacts, Decimal | null>();
  for (const facts of indicators) {
    const own = facts.set.data.weight;
    const level = Object.entries(levelWeights).find(([name]) => levelKey(name) === levelKey(facts.set.data.level1));
    weights.set(facts, own ? new Money(own) : level ? new Money(level[1]).div(counts.get(levelKey(facts.set.data.level1)) ?? 1) : null);
  }
  return weights;
}

/** 绩效目标表 / 自评表 rows: target as entered, latest actual, met / not met / null, score (weights from the profile). */
export function indicatorRows(year: DepartmentYear, levelWeights: Record<string, string>): IndicatorRow[] {
  const all = [...year.departmentIndicators, ...year.projects.flatMap((project) => project.indicators)];
  const weights = weightsOf(all, levelWeights);
  const names = new Map(year.projects.map((project) => [project.projectId, project.name]));
  return all.map((facts) => rowOf(facts, weights.get(facts) ?? null, year, names.get(facts.projectId ?? '') ?? null));
}

function rowOf(facts: IndicatorFacts, weight: Decimal | null, year: DepartmentYear, projectName: string | null): IndicatorRow {
  const set = facts.set.data;
  const evidence = [facts.set.id, ...(facts.actual ? [facts.actual.id] : [])];
  const base = {
    indicatorId: facts.indicatorId, projectId: facts.projectId, projectName, level1: set.level1, level2: set.level2, name: set.name,
    target: set.target, actual: facts.actual?.data.value ?? null, weight: weight ? roundScore(weight) : null, evidence,
  };
  try {
    const target = parseTarget(set.target);
    if (target.kind === 'qualitative') {
      const assessment = [...year.assessments].reverse().find((event) => event.data.item === facts.indicatorId);
      if (!assessment) return { ...base, met: null, score: null, note: '定性指标，待评价' };
      evidence.push(assessment.id);
      const scored = weight ? scoreQualitative(weight, assessment.data.level, assessment.data.percent) : null;
      return { ...base, met: assessment.data.level === '达成', score: scored ? roundScore(scored.score) : null, note: `${assessment.data.level}：${assessment.data.justification}` };
    }
    if (!facts.actual) return { ...base, met: null, score: null, note: '未填报实际完成值' };
    const result = assess(target, parseActual(facts.actual.data.value, target));
    const score = weight && result.attainment ? roundScore(weight.times(result.attainment)) : null;
    return { ...base, met: result.met, score, note: result.met ? '已完成' : '未完成' };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // the report is Chinese only: the domain's reason may carry its English gloss (" / not a number")
    return { ...base, met: null, score: null, note: error.zh.replace(/ \/ [\x20-\x7e]+/g, '') };
  }
}
