import { type Cell, type DisplayUnit, type FiledDocument, type FiledForm, type Grid, labelCell, moneyCell, percentCell, scoreCell, textCell } from '../render/filed-document';
import { departmentWithCode, levelCells } from './level-spans';
import type { ProjectEvaluation } from './project-evaluation';

const NINE = [4, 5, 6, 12, 8, 10, 6, 6, 12].map((width) => ({ width }));

/** The office's score where it gave one, else the recomputed one (the form prints what the office files). */
const printedScore = (office: string | null, computed: string | null, pending = '—'): Cell => scoreCell(office ?? computed, pending);

/** 项目支出绩效自评表 (财预〔2020〕10号): header, 项目资金, 年度总体目标, 绩效指标, 总分. */
export function projectSelfEvaluationForm(evaluation: ProjectEvaluation, display: DisplayUnit): FiledForm {
  const rows: Cell[][] = [];
  const { project } = evaluation;
  rows.push([labelCell('项目名称', { colSpan: 2 }), textCell(project.name, { colSpan: 7 })]);
  rows.push([labelCell('主管部门及代码', { colSpan: 2 }), textCell(departmentWithCode(project), { colSpan: 3 }), labelCell('实施单位', { colSpan: 1 }), textCell(project.departmentName, { colSpan: 3 })]);
  const funds = evaluation.funds;
  rows.push([labelCell(`项目资金（${display.unit}）`, { rowSpan: funds.length + 1 }), labelCell('', { colSpan: 2 }), labelCell('年初预算数'), labelCell('全年预算数'), labelCell('全年执行数'), labelCell('分值'), labelCell('执行率'), labelCell('得分')]);
  for (const row of funds) {
    const total = row.row === 'total';
    rows.push([
      textCell(row.label, { colSpan: 2, names: true }), moneyCell(row.initial, display, row.evidenceBy.initial), moneyCell(row.full, display, row.evidenceBy.full), moneyCell(row.executed, display, row.evidenceBy.executed),
      total ? scoreCell(row.weight) : textCell('—', { align: 'center' }), percentCell(row.rate, row.evidence), total ? printedScore(row.officeScore, row.score) : textCell('—', { align: 'center' }),
    ]);
  }
  rows.push([labelCell('年度总体目标', { rowSpan: 2 }), labelCell('预期目标', { colSpan: 4 }), labelCell('实际完成情况', { colSpan: 4 })]);
  rows.push([textCell(evaluation.goals.expected ?? '—', { colSpan: 4 }), textCell(evaluation.goals.actual ?? '—', { colSpan: 4 })]);
  const indicators = evaluation.indicators;
  rows.push([labelCell('绩效指标', { rowSpan: indicators.length + 1 }), labelCell('一级指标'), labelCell('二级指标'), labelCell('三级指标'), labelCell('年度指标值'), labelCell('实际完成值'), labelCell('分值'), labelCell('得分'), labelCell('偏差原因分析及改进措施')]);
  const levels = levelCells(indicators);
  indicators.forEach((row, i) => {
    rows.push([...levels[i], textCell(row.name, { names: true }), textCell(row.target), textCell(row.actual ?? '—'), scoreCell(row.weight), printedScore(row.officeScore, row.score, '待评分'), textCell(row.reason ?? '')]);
  });
  const total = evaluation.officeTotalScore ?? evaluation.totalScore;
  rows.push([labelCell('总分', { colSpan: 6 }), scoreCell('100.00'), scoreCell(total), textCell(`自评等级：${evaluation.grade ?? '待评分'}`)]);
  const grid: Grid = { type: 'grid', columns: NINE, headerRows: 0, rows };
  return {
    sheetName: `自评表-${project.name}`.slice(0, 31), title: '项目支出绩效自评表', subtitle: `（${evaluation.fiscalYear}年度）`, unit: display.unit,
    blocks: [grid, ...evaluation.notes.map((text) => ({ type: 'paragraph' as const, text })), ...checkParagraphs(evaluation)], signature: true,
  };
}

/** Office scores that differ from the recomputation, said in words under the form. */
function checkParagraphs(evaluation: ProjectEvaluation) {
  const differing = evaluation.checks.filter((check) => !check.equal);
  if (!differing.length) return [];
  const text = differing.map((check) => `${check.figure.replace(/^得分\//, '')}：填报 ${check.stated}，按评分标准复核为 ${check.computed ?? '无法计算'}`).join('；');
  return [{ type: 'paragraph' as const, text: `复核提示：${text}。` }];
}

/** 项目自评打分表 (seed 002 附件5–8): 决策 / 过程 rows, then the indicators under the table's level names, 合计. */
export function projectScoringTableForm(evaluation: ProjectEvaluation, title: string, levelNames: Record<string, string>, note?: string): FiledForm {
  const header = ['一级指标', '二级指标', '三级指标', '标准值', '评分标准', '分值', `自评得分（${evaluation.fiscalYear}年）`].map((text) => labelCell(text));
  const lines = [
    ...evaluation.scoringRows.map((row) => ({ level1: row.level1, level2: row.level2, name: row.name, standard: row.standard, criteria: row.criteria, weight: row.weight, office: row.officeScore, score: row.score })),
    ...evaluation.indicators.map((row) => ({ level1: levelNames[row.level1] ?? row.level1, level2: row.level2, name: row.name, standard: row.target, criteria: row.formula, weight: row.weight, office: row.officeScore, score: row.score })),
  ];
  const levels = levelCells(lines);
  const rows: Cell[][] = [header, ...lines.map((line, i) => [...levels[i], textCell(line.name), textCell(line.standard), textCell(line.criteria), scoreCell(line.weight), printedScore(line.office, line.score, '待评分')])];
  rows.push([labelCell('合计', { colSpan: 5 }), scoreCell('100.00'), scoreCell(evaluation.officeTotalScore ?? evaluation.totalScore)]);
  const grid: Grid = { type: 'grid', columns: [6, 8, 14, 12, 22, 5, 8].map((width) => ({ width })), headerRows: 1, rows };
  return {
    sheetName: `打分表-${evaluation.project.name}`.slice(0, 31), title, subtitle: `（${evaluation.project.name}）`, orientation: 'landscape',
    blocks: [grid, ...(note ? [{ type: 'paragraph' as const, text: `注：${note}` }] : []), ...checkParagraphs(evaluation)],
  };
}

/** The project's filed document: its 自评表 and, under a profile that has one, its 打分表. */
export function projectEvaluationDocument(evaluation: ProjectEvaluation, display: DisplayUnit, table?: { title: string; levelNames: Record<string, string>; note?: string }): FiledDocument {
  const forms = [projectSelfEvaluationForm(evaluation, display)];
  if (table) forms.push(projectScoringTableForm(evaluation, table.title, table.levelNames, table.note));
  return { title: `${evaluation.project.name}项目支出绩效自评表`, forms };
}
