import type Decimal from 'decimal.js';
import { Money } from '@bem/domain';
import type { ProjectFormSpec, ScoringProfile } from '../profiles/scoring-profile';
import { roundScore, scoreNumeric } from '../scoring/rules';
import { gradeOf } from '../model/build-report';
import { type FundRowFigures, fundRows } from './fund-rows';
import { type ScoredIndicator, scoreIndicators } from './indicator-scores';
import type { ProjectYear } from './project-year';

/** `bem evaluate --project --json` (architecture §9; extra fields are additions). */
export interface ProjectEvaluation {
  kind: 'project';
  profile: string;
  fiscalYear: number;
  project: { projectId: string; name: string; departmentCode: string; departmentName: string };
  funds: (FundRowFigures & { weight: string | null; score: string | null; officeScore: string | null })[];
  goals: { expected: string | null; actual: string | null };
  indicators: ScoredIndicator[];
  /** the 打分表's rows that are no indicator (决策 / 过程), under a profile that has one */
  scoringRows: ScoringRow[];
  totalScore: string;
  officeTotalScore: string | null;
  /** null while any row is still 待评分 (neither scored by the office nor computable): no final grade until then */
  grade: string | null;
  /** what the form says about its own scoring (分值 rescaled …) */
  notes: string[];
  checks: { figure: string; stated: string; computed: string | null; equal: boolean }[];
}

export interface ScoringRow {
  level1: string; level2: string; name: string; standard: string; criteria: string;
  weight: string; score: string | null; officeScore: string | null; formula: string; evidence: string[];
}

export const NATIONAL_PROJECT_FORM: ProjectFormSpec = {
  execution: { weight: '10', rule: { shape: 'ratio', input: 'executionRate', target: '100' } },
  indicatorTotal: '90', levelWeights: { 产出指标: '50', 效益指标: '30', 满意度指标: '10' },
};

export const EXECUTION_ITEM = '预算执行率';


const sum = (scores: (string | null)[]): Decimal => scores.reduce<Decimal>((total, score) => (score === null ? total : total.plus(score)), new Money(0));

/** The 项目支出绩效自评表 of one project (and its 打分表 rows under a profile that has one), scored and checked. */
export function buildProjectEvaluation(year: ProjectYear, profile: ScoringProfile): ProjectEvaluation {
  const spec = profile.project ?? NATIONAL_PROJECT_FORM;
  const rows = fundRows(year.figures);
  const total = rows[0];
  const execution = executionScore(total, spec, year);
  const funds = rows.map((row) => ({ ...row, weight: row.row === 'total' ? execution.weight : null, score: row.row === 'total' ? execution.score : null, officeScore: row.row === 'total' ? execution.officeScore : null }));
  const { rows: indicators, note } = scoreIndicators(year, spec);
  const scoringRows = spec.scoringTable ? spec.scoringTable.rows.map((row) => (row.rule === 'execution' ? { ...row, ...execution } : manualRow(row, year))) : [];
  const scored = [...(spec.scoringTable ? scoringRows : [execution]), ...indicators];
  const totalScore = Money.min(sum(scored.map((row) => row.score)), 100);
  const officeGiven = scored.some((row) => row.officeScore !== null);
  const officeTotal = officeGiven ? Money.min(sum(scored.map((row) => row.officeScore ?? row.score)), 100) : null;
  const checks = scored.filter((row) => row.officeScore !== null).map((row) => ({ figure: `得分/${row.name}`, stated: row.officeScore as string, computed: row.score, equal: row.score !== null && new Money(row.score).eq(row.officeScore as string) }));
  if (officeTotal) checks.push({ figure: '总分', stated: roundScore(officeTotal), computed: roundScore(totalScore), equal: officeTotal.eq(totalScore) });
  return {
    kind: 'project', profile: profile.name, fiscalYear: year.figures.fiscalYear,
    project: { projectId: year.figures.projectId, name: year.figures.name, departmentCode: year.departmentCode, departmentName: year.departmentName },
    funds, goals: { expected: year.texts.get('goal')?.data.text ?? null, actual: year.texts.get('outcome')?.data.text ?? null },
    indicators, scoringRows, totalScore: roundScore(totalScore), officeTotalScore: officeTotal ? roundScore(officeTotal) : null,
    grade: scored.some((row) => row.score === null && row.officeScore === null) ? null : gradeOf(officeTotal ?? totalScore, new Money(100)),
    notes: note ? [note] : [], checks,
  };
}

function executionScore(total: FundRowFigures, spec: ProjectFormSpec, year: ProjectYear) {
  const weight = new Money(spec.execution.weight);
  const office = year.officeScores.get(EXECUTION_ITEM);
  const base = { name: EXECUTION_ITEM, weight: roundScore(weight), officeScore: office ? roundScore(Money.min(new Money(office.data.score), weight)) : null, evidence: [...total.evidence, ...(office ? [office.id] : [])] };
  if (total.rate === null) return { ...base, score: null, formula: '全年预算数为零，无法计算执行率' };
  // The unrounded rate: the form shows 2 decimals, the score is computed on the figures themselves.
  const rate = new Money(total.executed ?? 0).times(100).div(total.full ?? 1);
  const result = scoreNumeric(spec.execution.rule, weight, rate);
  return { ...base, score: roundScore(Money.min(result.score, weight)), formula: result.formula };
}

function manualRow(row: NonNullable<ProjectFormSpec['scoringTable']>['rows'][number], year: ProjectYear): ScoringRow {
  const office = year.officeScores.get(row.name);
  const weight = new Money(row.weight);
  const score = office ? roundScore(Money.min(new Money(office.data.score), weight)) : null;
  return { ...row, weight: roundScore(weight), score, officeScore: score, formula: office ? '单位自评（人工评分）' : '人工评分（待录入）', evidence: office ? [office.id] : [] };
}
