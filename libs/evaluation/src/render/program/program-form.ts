import type { BudgetLine, ProgramView, SourceGroup } from '@bem/regions';
import { levelCells } from '../../forms/level-spans';
import { type Cell, DEFAULT_DISPLAY_UNIT, type DisplayUnit, type FiledForm, type Grid, labelCell, moneyCell, percentCell, textCell } from '../filed-document';

/** 项目资金 rows as seed 002 附件2–4 print them: 年度资金总额, then 其中：中央补助 / 地方资金 / 其他资金. */
const FUND_ROWS: { label: string; group: SourceGroup | null }[] = [
  { label: '年度资金总额', group: null },
  { label: '其中：中央补助', group: 'central' },
  { label: '地方资金', group: 'local' },
  { label: '其他资金', group: 'other' },
];

/** A source no event speaks of prints blank cells ("—"), as the seed's 其他资金 row does, never an invented 0.00. */
function fundCells(line: BudgetLine, display: DisplayUnit): Cell[] {
  const none = line.budget === '0.00' && line.executed === '0.00';
  if (none) return [textCell('—', { align: 'center' }), textCell('—', { align: 'center' }), textCell('—', { align: 'center' })];
  return [moneyCell(line.budget, display), moneyCell(line.executed, display), percentCell(line.executionRate)];
}

/**
 * 转移支付区域（项目）绩效目标自评表 in the printed shape (seed 002 附件2–4): 转移支付（项目）名称, 中央主管部门 / 实施单位,
 * 地方主管部门 with the 全年预算数（A）/ 全年执行数（B）/ 预算执行率（B/A）heads, the 项目资金 block, 年度总体目标
 * (年初设定目标 / 全年实际完成情况) and the indicator rows with merged 一级 / 二级 cells. The table carries no 得分 and
 * no grade: no shipped profile scores a transfer table (the seed's three print none).
 */
export function programSelfEvaluationForm(view: ProgramView, title: string, display: DisplayUnit = DEFAULT_DISPLAY_UNIT): FiledForm {
  const dash = (text: string | null) => textCell(text ?? '—', text ? {} : { align: 'center' });
  const rows: Cell[][] = [
    [labelCell('转移支付（项目）名称', { colSpan: 2 }), textCell(view.name, { colSpan: 5 })],
    [labelCell('中央主管部门', { colSpan: 2 }), dash(view.texts.centralDepartment), labelCell('实施单位', { colSpan: 2 }), { ...dash(view.texts.implementer), colSpan: 2 }],
    [labelCell('地方主管部门', { colSpan: 2 }), textCell(view.department.name), labelCell('全年预算数（A）', { colSpan: 2 }), labelCell('全年执行数（B）'), labelCell('预算执行率（B/A）')],
  ];
  FUND_ROWS.forEach(({ label, group }, i) => {
    const line = group ? view.bySource[group] : view.total;
    const [budget, executed, rate] = fundCells(line, display);
    rows.push([
      ...(i === 0 ? [labelCell(`项目资金（${display.unit}）`, { rowSpan: FUND_ROWS.length })] : []),
      textCell(label, { colSpan: 2 }), { ...budget, colSpan: 2 }, executed, rate,
    ]);
  });
  rows.push([labelCell('年度总体目标', { rowSpan: 2 }), labelCell('年初设定目标', { colSpan: 3 }), labelCell('全年实际完成情况', { colSpan: 3 })]);
  rows.push([{ ...dash(view.texts.goal), colSpan: 3 }, { ...dash(view.texts.outcome), colSpan: 3 }]);
  const indicators = view.indicators;
  if (indicators.length === 0) rows.push([labelCell('绩效指标'), textCell('未设定绩效指标', { colSpan: 6, align: 'center' })]);
  else {
    rows.push([labelCell('绩效指标', { rowSpan: indicators.length + 1 }), ...['一级指标', '二级指标', '三级指标', '年度指标值', '全年完成值', '未完成原因和改进措施'].map((text) => labelCell(text))]);
    const levels = levelCells(indicators);
    indicators.forEach((row, i) => rows.push([...levels[i], textCell(row.name), textCell(row.target), dash(row.actual), textCell(row.reason ?? '')]));
  }
  const grid: Grid = { type: 'grid', columns: [7, 7, 7, 12, 10, 13, 10].map((width) => ({ width })), headerRows: 0, rows };
  return { sheetName: '自评表', title, subtitle: `（${view.fiscalYear}年度）`, blocks: [grid], signature: true };
}
