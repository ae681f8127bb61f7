import type { EvaluationReport, ReportTable } from '../../model/report';
import type { FiledDocument, FiledForm, FormBlock } from '../filed-document';
import { type GridOptions, reportTableGrid } from './table-grid';

export const SECTION_TITLES = ['一、部门基本情况', '二、绩效自评情况', '三、存在问题及改进措施', '四、自评结果应用和公开情况'] as const;

export function titleOf(report: EvaluationReport): string {
  return `${report.department.name}${report.fiscalYear}年度部门整体支出绩效自评报告`;
}

const para = (text: string, evidence?: string[]): FormBlock => ({ type: 'paragraph', text, ...(evidence?.length ? { evidence } : {}) });
const heading = (level: 1 | 2, text: string): FormBlock => ({ type: 'heading', level, text });

/** Score items still waiting for a manual score or an assessment: while any is left, the report gives no grade. */
export const pendingItems = (report: EvaluationReport) => report.sections.flatMap((s) => s.items).filter((i) => i.score === null);

function conclusion(report: EvaluationReport): string {
  const { pending } = report;
  if (!pending) return `经自评，本部门${report.fiscalYear}年度部门整体支出绩效自评得分${report.totalScore}分（满分${report.maxScore}分），评价等级为“${report.grade}”。`;
  return `自评得分待评分：已评分项目合计${report.totalScore}分，尚有${pending.items.length}项评分项（共${pending.weight}分）待评分（${pending.items.join('、')}），全部评定后方给出自评得分和评价等级。`;
}

function indicatorSummary(report: EvaluationReport): string {
  const rows = report.indicators;
  if (!rows.length) return '本年度未设定绩效指标。';
  const met = rows.filter((r) => r.met === true).length;
  const notMet = rows.filter((r) => r.met === false).length;
  const open = rows.length - met - notMet;
  return `本年度共设定绩效指标${rows.length}项，已完成${met}项，未完成${notMet}项${open ? `，尚未填报或待定性评价${open}项` : ''}。`;
}

function reportForm(report: EvaluationReport): FiledForm {
  const texts = (sections: string[]) => report.narrative.filter((n) => !n.generated && sections.includes(n.section)).map((n) => para(n.text));
  const generated = report.narrative.filter((n) => n.generated).map((n) => para(n.text));
  const findings = report.findings.filter((f) => f.kind !== 'pending-score').map((f, i) => para(`${i + 1}.${f.text}`, f.evidence));
  const ratios: ReportTable = {
    id: 'ratios', title: '部门整体支出主要比率', unit: null,
    columns: [{ key: 'name', label: '指标', kind: 'text' }, { key: 'value', label: '比率', kind: 'percent' }, { key: 'formula', label: '计算方法', kind: 'text' }],
    rows: report.ratios.map((r) => ({ cells: { name: r.name, value: r.value, formula: r.formula }, evidence: r.evidence })),
  };
  return {
    sheetName: '自评报告',
    title: titleOf(report),
    subtitle: `（评价方案：${report.profileTitle}）`,
    blocks: [
      heading(1, SECTION_TITLES[0]),
      ...texts(['职能', '机构', '人员', '年度工作', '绩效目标', '工作总结']),
      heading(1, SECTION_TITLES[1]),
      heading(2, '（一）预算执行情况'),
      ...generated,
      ...(ratios.rows.length ? [reportTableGrid(ratios)] : []),
      heading(2, '（二）绩效目标实现情况'),
      para(indicatorSummary(report)),
      heading(2, '（三）自评结论'),
      para(conclusion(report)),
      heading(1, SECTION_TITLES[2]),
      ...(findings.length ? findings : [para('本年度未发现需说明的问题。')]),
      ...texts(['存在问题', '改进措施']),
      heading(1, SECTION_TITLES[3]),
      ...(texts(['结果应用', '公开情况']).length ? texts(['结果应用', '公开情况']) : [para('自评结果将作为下一年度预算安排的重要依据，并按规定随部门决算公开。')]),
    ],
  };
}

const table = (report: EvaluationReport, id: string) => report.tables.find((t) => t.id === id);

function tableForm(t: ReportTable | undefined, form: Omit<FiledForm, 'blocks' | 'title'> & { title?: string }, options: GridOptions = {}): FiledForm[] {
  if (!t || !t.rows.length) return [];
  return [{ title: form.title ?? t.title, unit: t.unit ?? undefined, ...form, blocks: [reportTableGrid(t, { orientation: form.orientation, ...options })] }];
}

/** The score table with pending items printed 待评分 and the total withheld while any is pending. */
function scoreForm(report: EvaluationReport): FiledForm[] {
  const scores = table(report, 'scores');
  if (!scores) return [];
  const pending = pendingItems(report).length > 0;
  const rows = scores.rows.map((row) => (row.cells.section === '合计' && pending ? { ...row, cells: { ...row.cells, score: null, formula: '尚有评分项待评分' } } : row));
  return tableForm({ ...scores, rows }, { sheetName: '自评打分表', signature: true }, { mergeDown: ['section'], blank: { score: '待评分' } });
}

function consistencyForm(report: EvaluationReport): FiledForm[] {
  if (!report.consistency.length) return [];
  const t: ReportTable = {
    id: 'consistency', title: '报告数字核对表', unit: null,
    columns: [{ key: 'label', label: '报告所载项目', kind: 'text' }, { key: 'stated', label: '报告所载数', kind: 'text' }, { key: 'computed', label: '台账重算数', kind: 'text' }, { key: 'result', label: '核对结果', kind: 'text' }],
    rows: report.consistency.map((m) => ({ cells: { label: m.label, stated: m.stated, computed: m.computed, result: m.matches ? '一致' : '不一致' }, evidence: m.evidence })),
  };
  return tableForm(t, { sheetName: '数字核对' });
}

/** 部门整体支出绩效自评报告 + 基础数据表 + 绩效目标自评表 + 自评打分表 …, as filed (architecture §9). */
export function departmentDocument(report: EvaluationReport): FiledDocument {
  return {
    title: titleOf(report),
    forms: [
      reportForm(report),
      ...tableForm(table(report, 'basic-data'), { sheetName: '基础数据表', signature: true }, { blank: { remark: '' } }),
      ...tableForm(table(report, 'final-accounts'), { sheetName: '收入支出决算总表', signature: true }),
      ...tableForm(table(report, 'fiscal-by-function'), { sheetName: '财政拨款支出决算表', signature: true }),
      ...tableForm(table(report, 'project-execution'), { sheetName: '预算执行情况' }),
      ...tableForm(table(report, 'fund-sources'), { sheetName: '分资金来源' }, { mergeDown: ['name'] }),
      ...tableForm(table(report, 'checkpoints'), { sheetName: '检查点执行进度', title: '检查点执行进度表' }),
      ...tableForm(table(report, 'indicators'), { sheetName: '绩效目标自评表', orientation: 'landscape', signature: true }, { mergeDown: ['level1', 'level2'] }),
      ...scoreForm(report),
      ...consistencyForm(report),
    ],
  };
}
