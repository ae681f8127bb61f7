import type Decimal from 'decimal.js';
import { Money, formatWan } from '@bem/domain';
import type { CheckpointReport } from '@bem/monitoring';
import { type StatedFigure, checkStatedFigures } from '../consistency/stated-figures';
import { type ScoringProfile, isIndicatorSection } from '../profiles/scoring-profile';
import { scoreSections } from '../scoring/score-sections';
import { roundScore } from '../scoring/rules';
import { basicDataTable } from './basic-data';
import { FigureIndex } from './figure-index';
import { finalAccountsTables } from './final-accounts';
import { overallSpendingText } from './overall-spending';
import { findingsOf } from './findings';
import { indicatorRows } from './indicators';
import { M, Measures } from './measures';
import { fundSourceTable, projectExecutionTable } from './project-tables';
import { departmentRatios } from './ratios';
import type { DepartmentYear } from './read-department';
import type { EvaluationReport } from './report';
import { checkpointTable, indicatorTable, scoreTable } from './report-tables';

export type Grade = '优' | '良' | '中' | '差';

/** 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60 (on the score out of 100). */
export function gradeOf(total: Decimal, max: Decimal): Grade {
  const on100 = max.isZero() ? new Money(0) : total.times(100).div(max);
  if (on100.gte(90)) return '优';
  if (on100.gte(80)) return '良';
  return on100.gte(60) ? '中' : '差';
}

/** Office texts (SetDepartmentText) in report order; the numeric sentences are generated. */
const TEXT_SECTIONS = ['职能', '机构', '人员', '年度工作', '绩效目标', '工作总结', '存在问题', '改进措施', '结果应用', '公开情况'];

/** Builds the whole report of one department-year from what was read from the log. */
export function buildReport(year: DepartmentYear, profile: ScoringProfile, checkpoints: CheckpointReport, extraStated: StatedFigure[] = []): EvaluationReport {
  const index = new FigureIndex();
  const department = new Measures();
  for (const project of year.projects) department.merge(project.measures);
  const ratios = departmentRatios(department);
  for (const ratio of ratios.list) index.percent(`比率/${ratio.name}`, ratios.metrics[ratio.key as keyof typeof ratios.metrics]);
  const remarks = new Map([...year.remarks].map(([row, event]) => [row, event.data.text]));
  const basic = basicDataTable(year.fiscalYear, year.projects, year.priorProjects, index, remarks);
  const finalAccounts = finalAccountsTables(year.projects, index);
  const overall = overallSpendingText(year.fiscalYear, year.projects, year.priorProjects, index);
  const levelWeights = profile.sections.find(isIndicatorSection)?.indicators.weights ?? {};
  const indicators = indicatorRows(year, levelWeights);
  const sections = scoreSections({ profile, metrics: ratios.metrics, checkpoints, indicators, year });
  for (const item of sections.flatMap((s) => s.items)) index.score(`得分/${item.name}`, item.score, item.evidence);
  let total: Decimal = new Money(0);
  let max: Decimal = new Money(0);
  for (const section of sections) [total, max] = [total.plus(section.score), max.plus(section.weight)];
  index.score('得分/总分', roundScore(total), []);
  const tables = [basic, ...finalAccounts, projectExecutionTable(year.projects, index), fundSourceTable(year.projects, index), checkpointTable(checkpoints), indicatorTable(indicators), scoreTable(sections, roundScore(total), roundScore(max))];
  const stated: StatedFigure[] = [
    ...year.stated.map((event) => ({ label: event.data.label, value: event.data.value, figure: event.data.figure, sumOf: event.data.sumOf, source: event.data.source, eventId: event.id })),
    ...extraStated,
  ];
  const consistency = checkStatedFigures(stated, index);
  const findings = findingsOf({ projects: year.projects, checkpoints, ratios: ratios.list, indicators, sections, mismatches: consistency, threshold: profile.findingThreshold });
  const [initial, current, paid] = [department.get(M.initial), department.get(M.current), department.get(M.paid)];
  const rateText = ratios.list.find((r) => r.key === 'executionRate')?.value ?? '—';
  const narrative = [
    ...(overall ? [{ section: '部门整体支出情况', generated: true, text: overall }] : []),
    { section: '预算执行', generated: true, text: `${year.fiscalYear}年年初预算${formatWan(initial.value)}万元，调整预算${formatWan(current.value)}万元，执行${formatWan(paid.value)}万元，执行率${rateText}%。` },
    ...TEXT_SECTIONS.filter((section) => year.texts.has(section)).map((section) => ({ section, generated: false, text: year.texts.get(section)!.data.text })),
    ...[...year.texts.keys()].filter((section) => !TEXT_SECTIONS.includes(section)).map((section) => ({ section, generated: false, text: year.texts.get(section)!.data.text })),
  ];
  const open = sections.flatMap((section) => section.items).filter((item) => item.score === null);
  const pending = open.length ? { items: open.map((item) => item.name), weight: roundScore(open.reduce((sum: Decimal, item) => sum.plus(item.weight), new Money(0))) } : null;
  return {
    profile: profile.name, profileTitle: profile.title, department: { code: year.code, name: year.name }, fiscalYear: year.fiscalYear,
    totalScore: roundScore(total), maxScore: roundScore(max), grade: pending ? null : gradeOf(total, max), pending,
    sections, indicators, findings, ratios: ratios.list, tables, narrative, consistency,
  };
}
