import { type Cell, type DisplayUnit, type FiledDocument, type FiledForm, type Grid, labelCell, moneyCell, textCell } from '../render/filed-document';
import { levelCells } from './level-spans';
import type { ProjectEvaluation } from './project-evaluation';

/** 标签 / 一级 / 二级 / 三级 / 预期指标值 / 实际完成指标值: the last column holds the longest texts. */
const SIX = [8, 6, 6, 10, 10, 18].map((width) => ({ width }));

/** 其中-财政拨款: the 当年财政拨款 and 上年结转 rows together (both fiscal); null when neither has a figure. */
function fiscalOf(evaluation: ProjectEvaluation, column: 'full' | 'executed'): string | null {
  const values = evaluation.funds.filter((row) => row.row === 'current' || row.row === 'carryover').map((row) => row[column]).filter((v): v is string => v !== null);
  if (!values.length) return null;
  const fen = values.reduce((total, v) => total + BigInt(v.replace('.', '')), 0n);
  const sign = fen < 0n ? '-' : '';
  const abs = (fen < 0n ? -fen : fen).toString().padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/**
 * 项目绩效目标完成情况表 (四川 2019 部门决算, seed 000 line 109): 项目名称, 预算部门, 预算执行情况 (预算数 / 执行数, 其中-财政拨款,
 * 其它资金), 年度目标完成情况 (预期目标 / 实际完成目标), 绩效指标完成情况 (一级 / 二级 / 三级 / 预期指标值 / 实际完成指标值).
 * No scores: the form reports completion only.
 */
export function projectCompletionForm(evaluation: ProjectEvaluation, display: DisplayUnit): FiledForm {
  const { project, funds, indicators } = evaluation;
  const total = funds.find((row) => row.row === 'total')!;
  const other = funds.find((row) => row.row === 'other');
  const money = (yuan: string | null | undefined, evidence?: string[]): Cell => (yuan == null ? textCell('') : moneyCell(yuan, display, evidence));
  const rows: Cell[][] = [
    [labelCell('项目名称'), textCell(project.name, { colSpan: 5 })],
    [labelCell('预算部门'), textCell(project.departmentName, { colSpan: 5 })],
    [labelCell(`预算执行情况（${display.unit}）`, { rowSpan: 3 }), labelCell('预算数：', { colSpan: 2 }), money(total.full, total.evidence), labelCell('执行数：'), money(total.executed, total.evidence)],
    [labelCell('其中-财政拨款：', { colSpan: 2 }), money(fiscalOf(evaluation, 'full')), labelCell('其中-财政拨款：'), money(fiscalOf(evaluation, 'executed'))],
    [labelCell('其它资金：', { colSpan: 2 }), money(other?.full), labelCell('其它资金：'), money(other?.executed)],
    [labelCell('年度目标完成情况', { rowSpan: 2 }), labelCell('预期目标', { colSpan: 3 }), labelCell('实际完成目标', { colSpan: 2 })],
    [textCell(evaluation.goals.expected ?? '', { colSpan: 3 }), textCell(evaluation.goals.actual ?? '', { colSpan: 2 })],
    [labelCell('绩效指标完成情况', { rowSpan: indicators.length + 1 }), labelCell('一级指标'), labelCell('二级指标'), labelCell('三级指标'), labelCell('预期指标值（包含数字及文字描述）'), labelCell('实际完成指标值（包含数字及文字描述）')],
  ];
  const levels = levelCells(indicators);
  indicators.forEach((row, i) => rows.push([...levels[i], textCell(row.name), textCell(row.target), textCell(row.actual ?? '')]));
  const grid: Grid = { type: 'grid', columns: SIX, headerRows: 0, rows };
  return {
    sheetName: `完成情况表-${project.name}`.slice(0, 31), title: '项目绩效目标完成情况表', subtitle: `（${evaluation.fiscalYear}年度）`, unit: display.unit,
    blocks: [grid], signature: true,
  };
}

export function projectCompletionDocument(evaluation: ProjectEvaluation, display: DisplayUnit): FiledDocument {
  return { title: `${evaluation.project.name}项目绩效目标完成情况表`, forms: [projectCompletionForm(evaluation, display)] };
}
