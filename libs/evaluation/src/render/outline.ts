import type { EvaluationReport, ReportTable } from '../model/report';

/** Format-neutral report content in the seeds' section order; every renderer walks the same blocks. */
export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; text: string; evidence?: string[] }
  | { type: 'list'; items: { text: string; evidence: string[] }[] }
  | { type: 'table'; table: ReportTable };

export const SECTION_TITLES = ['一、部门基本情况', '二、绩效自评情况', '三、存在问题及改进措施', '四、自评结果应用和公开情况'] as const;

const textOf = (report: EvaluationReport, sections: string[]) => report.narrative.filter((n) => !n.generated && sections.includes(n.section));

function ratioTable(report: EvaluationReport): ReportTable {
  return {
    id: 'ratios', title: '部门整体支出主要比率', unit: null,
    columns: [{ key: 'name', label: '指标', kind: 'text' }, { key: 'value', label: '比率(%)', kind: 'percent' }, { key: 'formula', label: '计算方法', kind: 'text' }],
    rows: report.ratios.map((ratio) => ({ cells: { name: ratio.name, value: ratio.value, formula: ratio.formula }, evidence: ratio.evidence })),
  };
}

export function titleOf(report: EvaluationReport): string {
  return `${report.department.name}${report.fiscalYear}年度部门整体支出绩效自评报告`;
}

export function outline(report: EvaluationReport): Block[] {
  const table = (id: string) => report.tables.find((t) => t.id === id)!;
  const generated = report.narrative.find((n) => n.generated)?.text ?? '';
  const para = (text: string): Block => ({ type: 'paragraph', text });
  const office = (sections: string[], fallback: string): Block[] => {
    const texts = textOf(report, sections);
    return texts.length ? texts.map((t) => para(`${t.section}：${t.text}`)) : [para(fallback)];
  };
  const findings = report.findings.filter((f) => f.kind !== 'pending-score');
  return [
    { type: 'title', text: titleOf(report) },
    para(`评价方案：${report.profileTitle}（${report.profile}）`),
    { type: 'heading', level: 1, text: SECTION_TITLES[0] },
    ...office(['职能', '机构', '人员', '年度工作', '绩效目标'], '（部门职能、机构、人员及年度工作情况由单位填写 / to be written by the office）'),
    para(generated),
    { type: 'heading', level: 1, text: SECTION_TITLES[1] },
    { type: 'heading', level: 2, text: '（一）预算执行情况' },
    para(generated),
    { type: 'table', table: ratioTable(report) },
    { type: 'table', table: table('project-execution') },
    { type: 'table', table: table('fund-sources') },
    { type: 'table', table: table('checkpoints') },
    { type: 'heading', level: 2, text: '（二）绩效目标实现情况' },
    { type: 'table', table: table('indicators') },
    { type: 'heading', level: 2, text: '（三）自评结论' },
    para(`自评得分 ${report.totalScore} 分（满分 ${report.maxScore} 分），评价等级：${report.grade}。`),
    { type: 'table', table: table('scores') },
    { type: 'heading', level: 1, text: SECTION_TITLES[2] },
    findings.length ? { type: 'list', items: findings.map((f) => ({ text: f.text, evidence: f.evidence })) } : para('未发现问题。'),
    ...office(['存在问题', '改进措施'], '（改进措施由单位填写 / improvement measures to be written by the office）'),
    { type: 'heading', level: 1, text: SECTION_TITLES[3] },
    ...office(['结果应用', '公开情况'], '自评结果将作为下一年度预算安排的重要依据，并按规定随部门决算公开。'),
    { type: 'heading', level: 1, text: '附表' },
    { type: 'table', table: table('basic-data') },
    ...(report.consistency.length ? [{ type: 'table' as const, table: consistencyTable(report) }] : []),
  ];
}

function consistencyTable(report: EvaluationReport): ReportTable {
  return {
    id: 'consistency', title: '报告数字核对', unit: null,
    columns: [{ key: 'label', label: '报告所载', kind: 'text' }, { key: 'stated', label: '所载数', kind: 'text' }, { key: 'computed', label: '重算数', kind: 'text' }, { key: 'result', label: '结果', kind: 'text' }, { key: 'figure', label: '对应数字', kind: 'text' }],
    rows: report.consistency.map((m) => ({ cells: { label: m.label, stated: m.stated, computed: m.computed, result: m.matches ? '一致' : '不一致', figure: m.figure }, evidence: m.evidence })),
  };
}
