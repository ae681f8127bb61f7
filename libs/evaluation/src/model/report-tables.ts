import { formatWan, Money } from '@bem/domain';
import type { CheckpointReport } from '@bem/monitoring';
import type { IndicatorRow, ReportTable, ScoredSection } from './report';

const MET = (met: boolean | null) => (met === null ? '—' : met ? '是' : '否');
const STATUS: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };

/** 绩效目标表 / 自评表 (seed 004): 一级 / 二级 / 三级, 年度指标值, 实际完成值, 是否完成, 分值, 得分, 备注. */
export function indicatorTable(rows: IndicatorRow[]): ReportTable {
  return {
    id: 'indicators', title: '绩效目标自评表', unit: null,
    columns: [
      { key: 'level1', label: '一级指标', kind: 'text' }, { key: 'level2', label: '二级指标', kind: 'text' }, { key: 'name', label: '三级指标', kind: 'text' },
      { key: 'project', label: '所属项目', kind: 'text' }, { key: 'target', label: '年度指标值', kind: 'text' }, { key: 'actual', label: '实际完成值', kind: 'text' },
      { key: 'met', label: '是否完成', kind: 'text' }, { key: 'weight', label: '分值', kind: 'score' }, { key: 'score', label: '得分', kind: 'score' }, { key: 'note', label: '备注（未完成原因）', kind: 'text' },
    ],
    rows: rows.map((row) => ({
      cells: { level1: row.level1, level2: row.level2, name: row.name, project: row.projectName ?? '部门整体', target: row.target, actual: row.actual ?? '未填报', met: MET(row.met), weight: row.weight, score: row.score, note: row.note },
      evidence: row.evidence,
    })),
  };
}

/** 执行进度 at each checkpoint, with the budget as of that date (checkpoint history). */
export function checkpointTable(report: CheckpointReport): ReportTable {
  return {
    id: 'checkpoints', title: `检查点执行进度（方案 ${report.profile}）`, unit: '万元',
    columns: [
      { key: 'label', label: '检查点', kind: 'text' }, { key: 'date', label: '日期', kind: 'text' }, { key: 'budget', label: '截至当日预算', kind: 'wan' },
      { key: 'paid', label: '截至当日执行', kind: 'wan' }, { key: 'progress', label: '执行进度(%)', kind: 'percent' }, { key: 'target', label: '目标进度(%)', kind: 'percent' },
      { key: 'alertLine', label: '预警线(%)', kind: 'percent' }, { key: 'status', label: '状态', kind: 'text' }, { key: 'weight', label: '分值', kind: 'score' }, { key: 'score', label: '得分', kind: 'score' },
    ],
    rows: report.checkpoints.map((row) => ({
      cells: {
        label: row.label, date: row.date, budget: formatWan(new Money(row.budget)), paid: formatWan(new Money(row.paid)), progress: row.progress,
        target: row.target, alertLine: row.alertLine, status: row.status ? STATUS[row.status] : '—', weight: row.weight, score: row.score,
      },
      evidence: [row.evaluationId],
    })),
  };
}

/** 自评打分表: every scored item with its formula. */
export function scoreTable(sections: ScoredSection[], total: string, maxScore: string): ReportTable {
  const rows = sections.flatMap((section) =>
    section.items.map((item) => ({
      cells: { section: section.name, name: item.name, weight: item.weight, score: item.score, formula: item.justification ? `${item.formula}：${item.justification}` : item.formula },
      evidence: item.evidence,
    })),
  );
  rows.push({ cells: { section: '合计', name: '', weight: maxScore, score: total, formula: '' }, evidence: [] });
  return {
    id: 'scores', title: '自评打分表', unit: null,
    columns: [
      { key: 'section', label: '评价内容', kind: 'text' }, { key: 'name', label: '评分项', kind: 'text' }, { key: 'weight', label: '分值', kind: 'score' },
      { key: 'score', label: '得分', kind: 'score' }, { key: 'formula', label: '计算过程', kind: 'text' },
    ],
    rows,
  };
}
