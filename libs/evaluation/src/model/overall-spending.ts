import { formatWan } from '@bem/domain';
import type { FigureIndex } from './figure-index';
import { M, Measures } from './measures';
import type { ProjectFigures } from './project-figures';

const sumOf = (projects: readonly ProjectFigures[], kind?: ProjectFigures['kind']): Measures => {
  const sum = new Measures();
  for (const project of projects) if (!kind || project.kind === kind) sum.merge(project.measures);
  return sum;
};

/** One year's 预算 and 决算, whole / 基本支出 / 项目支出, indexed under 整体支出情况/<column>/<line>. */
function yearSentence(year: number, projects: readonly ProjectFigures[], column: '上年' | '本年', index: FigureIndex): string {
  const parts = { 支出合计: sumOf(projects), 基本支出: sumOf(projects, 'basic'), 项目支出: sumOf(projects, 'project') };
  for (const [line, measures] of Object.entries(parts)) {
    index.money(`整体支出情况/${column}预算/${line}`, measures.get(M.initial));
    index.money(`整体支出情况/${column}决算/${line}`, measures.get(M.paid));
  }
  const [budget, paid] = [(m: Measures) => formatWan(m.get(M.initial).value), (m: Measures) => formatWan(m.get(M.paid).value)];
  const threePublic = parts.支出合计.get(M.threePublicPaid);
  return (
    `${year}年，年度财政拨款预算金额共${budget(parts.支出合计)}万元，其中基本支出${budget(parts.基本支出)}万元，项目支出${budget(parts.项目支出)}万元；` +
    `部门决算共${paid(parts.支出合计)}万元，其中基本支出${paid(parts.基本支出)}万元，项目支出${paid(parts.项目支出)}万元` +
    `${threePublic.value.isZero() ? '' : `，“三公”经费${formatWan(threePublic.value)}万元`}。`
  );
}

/**
 * 部门整体支出情况 (seed 003 line 29–33): the comparison year's 预算 and 决算 beside this year's, as the report prints
 * them; only when the comparison year is recorded (its 预算 is printed nowhere else).
 */
export function overallSpendingText(year: number, projects: readonly ProjectFigures[], prior: readonly ProjectFigures[], index: FigureIndex): string | null {
  if (!prior.length) return null;
  return `${yearSentence(year - 1, prior, '上年', index)}${yearSentence(year, projects, '本年', index)}`;
}
