import { Money, formatWan, percent } from '@bem/domain';
import type { CheckpointReport } from '@bem/monitoring';
import { M } from './measures';
import type { ProjectFigures } from './project-figures';
import type { Finding, IndicatorRow, Mismatch, Ratio, ScoredSection } from './report';

const KIND_LABEL: Record<string, string> = { supplementary: '追加下达', increase: '追加', decrease: '调减', cancel: '注销', 'transfer-in': '调剂调入', 'transfer-out': '调剂调出', allocation: '分解下达' };
const STATUS_LABEL: Record<string, string> = { yellow: '黄色预警', red: '红色预警' };

export interface FindingInputs {
  projects: readonly ProjectFigures[];
  checkpoints: CheckpointReport;
  ratios: Ratio[];
  indicators: IndicatorRow[];
  sections: ScoredSection[];
  mismatches: Mismatch[];
  threshold: string;
}

/** 存在问题: checkpoints missed, projects below the threshold, every 追加/调减 with its reason, ratios, indicators, pending scores, stated mismatches. */
export function findingsOf(inputs: FindingInputs): Finding[] {
  const findings: Finding[] = [];
  for (const row of inputs.checkpoints.checkpoints) {
    if (row.status === 'green' || row.status === null) continue;
    findings.push({ kind: 'checkpoint-missed', severity: row.status === 'red' ? 'high' : 'medium', projectId: null, evidence: [row.evaluationId],
      text: `${row.label}（${row.date}）执行进度 ${row.progress}%，低于目标 ${row.target}%（预警线 ${row.alertLine}%），${STATUS_LABEL[row.status]}` });
  }
  for (const project of inputs.projects) {
    const [current, paid] = [project.measures.get(M.current), project.measures.get(M.paid)];
    const rate = percent(paid.value, current.value);
    if (rate !== null && new Money(rate).lt(inputs.threshold)) {
      const reasons = project.adjustments.map((a) => a.reason);
      findings.push({ kind: 'project-below-threshold', severity: 'high', projectId: project.projectId, evidence: [...current.evidence, ...paid.evidence],
        text: `${project.name}执行率 ${rate}%（执行 ${formatWan(paid.value)} 万元 / 预算 ${formatWan(current.value)} 万元），低于 ${inputs.threshold}%${reasons.length ? `；记录的原因：${reasons.join('；')}` : '；未记录原因'}` });
    }
    for (const adjustment of project.adjustments) {
      findings.push({ kind: 'adjustment', severity: 'info', projectId: project.projectId, evidence: [adjustment.eventId],
        text: `${project.name} ${adjustment.occurredOn} ${KIND_LABEL[adjustment.kind] ?? adjustment.kind} ${formatWan(new Money(adjustment.delta).abs())} 万元：${adjustment.reason}` });
    }
  }
  for (const ratio of inputs.ratios) {
    const low = ['procurementRate', 'executionRate'].includes(ratio.key) && ratio.value !== null && new Money(ratio.value).lt(inputs.threshold);
    if (low) findings.push({ kind: 'ratio', severity: 'medium', projectId: null, evidence: ratio.evidence, text: `${ratio.name} ${ratio.value}%，低于 ${inputs.threshold}%` });
    if (ratio.key === 'publicControlRate' && ratio.value !== null) {
      findings.push({ kind: 'ratio', severity: 'info', projectId: null, evidence: ratio.evidence, text: `${ratio.name} ${ratio.value}%（${ratio.formula}）` });
    }
  }
  for (const row of inputs.indicators) {
    if (row.met === false) findings.push({ kind: 'indicator-not-met', severity: 'medium', projectId: row.projectId, evidence: row.evidence, text: `指标“${row.name}”未完成：目标 ${row.target}，实际 ${row.actual}` });
    if (row.actual === null) findings.push({ kind: 'indicator-without-actual', severity: 'medium', projectId: row.projectId, evidence: row.evidence, text: `指标“${row.name}”（目标 ${row.target}）未填报实际完成值` });
  }
  for (const item of inputs.sections.flatMap((section) => section.items)) {
    if (item.basis === 'pending') findings.push({ kind: 'pending-score', severity: 'info', projectId: null, evidence: [], text: `评分项“${item.name}”（${item.weight} 分）待评分：${item.formula}` });
  }
  for (const mismatch of inputs.mismatches.filter((m) => !m.matches)) {
    findings.push({ kind: 'stated-mismatch', severity: 'medium', projectId: null, evidence: mismatch.evidence,
      text: `报告所载“${mismatch.label}”为 ${mismatch.stated}，按事件重算为 ${mismatch.computed ?? '无法计算'}（${mismatch.figure}）` });
  }
  return findings;
}
