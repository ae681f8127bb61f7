import { DEVIATION_CAUSES, DEVIATION_CAUSE_LABELS, LIKELIHOOD_LABELS } from '@bem/domain';
import { type Cell, type DisplayUnit, type FiledDocument, type FiledForm, labelCell, moneyCell, percentCell, textCell } from '../render/filed-document';
import { departmentWithCode, levelCells } from './level-spans';
import type { MonitoredProject, MonitoringDocument } from './monitoring';

const WIDTHS = [5, 6, 7, 13, 8, 8, 8, 4, 4, 4, 5, 4, 6, 12];

/** 项目支出绩效目标执行监控表 (财预〔2019〕136号) of one project at a checkpoint. */
export function monitoringForm(doc: MonitoringDocument, project: MonitoredProject, display: DisplayUnit): FiledForm {
  const p = doc.period;
  const rows: Cell[][] = [];
  rows.push([labelCell('项目名称', { colSpan: 2 }), textCell(project.name, { colSpan: 12 })]);
  rows.push([labelCell('主管部门及代码', { colSpan: 2 }), textCell(departmentWithCode(project), { colSpan: 5 }), labelCell('实施单位', { colSpan: 2 }), textCell(project.departmentName, { colSpan: 5 })]);
  rows.push([labelCell(`项目资金（${display.unit}）`, { rowSpan: project.funds.length + 1 }), labelCell('', { colSpan: 2 }), labelCell('年初预算数'), labelCell('全年预算数'), labelCell(`${p}执行数`), labelCell(`${p}执行率`), labelCell('全年预计执行数', { colSpan: 5 }), labelCell('备注', { colSpan: 2 })]);
  for (const fund of project.funds) {
    rows.push([
      textCell(fund.label, { colSpan: 2, names: true }), moneyCell(fund.initial, display, fund.evidenceBy.initial), moneyCell(fund.full, display, fund.evidenceBy.full),
      moneyCell(fund.executed, display, fund.evidenceBy.executed), percentCell(fund.rate, fund.evidence), { ...moneyCell(fund.forecast, display), colSpan: 5 }, textCell(fund.forecastBy === 'product' ? '按序时进度测算' : fund.forecastBy === 'office' ? '单位填报' : '', { colSpan: 2 }),
    ]);
  }
  rows.push([labelCell('年度总体目标', { rowSpan: 2 }), labelCell('全年目标', { colSpan: 6 }), labelCell(`${p}执行情况`, { colSpan: 7 })]);
  rows.push([textCell(project.goals.expected ?? '—', { colSpan: 6 }), textCell(project.goals.progress ?? '—', { colSpan: 7 })]);
  const indicators = project.indicators;
  rows.push([
    labelCell('绩效指标', { rowSpan: indicators.length + 2 }), labelCell('一级指标', { rowSpan: 2 }), labelCell('二级指标', { rowSpan: 2 }), labelCell('三级指标', { rowSpan: 2 }),
    labelCell('年度指标值', { rowSpan: 2 }), labelCell(`${p}实际完成值`, { rowSpan: 2 }), labelCell('全年预计完成值', { rowSpan: 2 }), labelCell('偏差原因分析', { colSpan: 5 }),
    labelCell('完成目标可能性', { rowSpan: 2 }), labelCell('原因说明', { rowSpan: 2 }),
  ]);
  rows.push(DEVIATION_CAUSES.map((cause) => labelCell(DEVIATION_CAUSE_LABELS[cause])));
  const levels = levelCells(indicators);
  indicators.forEach((row, i) => {
    rows.push([
      ...levels[i], textCell(row.name, { names: true }), textCell(row.target), textCell(row.actual ?? '—'), textCell(row.forecast ?? '—'),
      ...DEVIATION_CAUSES.map((cause) => textCell(row.causes?.includes(cause) ? '√' : '', { align: 'center' })),
      textCell(row.likelihood ? LIKELIHOOD_LABELS[row.likelihood] : '—', { align: 'center' }), textCell(row.explanation ?? ''),
    ]);
  });
  return {
    sheetName: `监控表-${project.name}`.slice(0, 31), title: '项目支出绩效目标执行监控表', subtitle: `（${doc.fiscalYear}年${p}）`, unit: display.unit, orientation: 'landscape',
    blocks: [{ type: 'grid', columns: WIDTHS.map((width) => ({ width })), headerRows: 0, rows }], signature: true,
  };
}

/** Every project's 监控表 of a department at one checkpoint, one form each. */
export function monitoringDocument(doc: MonitoringDocument, display: DisplayUnit): FiledDocument {
  return { title: `${doc.department.name}${doc.fiscalYear}年${doc.period}项目支出绩效目标执行监控表`, forms: doc.projects.map((project) => monitoringForm(doc, project, display)) };
}
