import { ALERT_RULE_LABELS, AlertService, type AlertRuleName, loadProfile } from '@bem/monitoring';
import { RegionIndex, regionAlerts, regionCheckpoints } from '@bem/regions';
import { EXIT, type CliIO } from '../io';
import type { Runtime } from '../runtime';
import { renderTable } from '../table';

export interface RegionMonitoringOptions {
  department: string;
  year: number;
  profile?: string;
  json?: boolean;
}

const STATUS: Record<string, string> = { green: '绿 green', yellow: '黄 yellow', red: '红 red' };
const pct = (value: string | null) => (value === null ? '—' : `${value}%`);

/** `bem checkpoints --scope region`: the region's progress at each checkpoint (computed; units keep their own events). */
export async function printRegionCheckpoints(runtime: Runtime, options: RegionMonitoringOptions, io: CliIO): Promise<number> {
  const report = await regionCheckpoints(runtime.progress, new RegionIndex(runtime.store), options.department, options.year, loadProfile(options.profile));
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = report.checkpoints.map((c) => [c.label, c.date, c.budget, c.paid, pct(c.progress), `${c.target}%`, `${c.alertLine}%`, c.status ? STATUS[c.status] : '—', c.score ?? '—']);
  const units = report.units.map((u) => [`${'  '.repeat(u.depth)}${u.name} (${u.code})`, ...u.checkpoints.map((c) => `${pct(c.progress)} ${c.status ? STATUS[c.status] : ''}`.trim())]);
  io.stdout(
    [
      `${report.department.name} (${report.department.code}) 辖区 ${report.fiscalYear} 年度检查点（方案 ${report.profile}）`,
      renderTable(['检查点', '日期', '辖区预算(元)', '辖区支付(元)', '进度', '目标T', '预警线A', '状态', '得分'], rows, new Set([2, 3, 4, 5, 6])),
      `合计得分 total ${report.totalScore}`,
      '',
      renderTable(['单位（含下级）', ...report.checkpoints.map((c) => c.label)], units),
    ].join('\n') + '\n',
  );
  return EXIT.ok;
}

/** `bem alerts --scope region`: every unit's alerts, with the unit that must answer. */
export async function printRegionAlerts(runtime: Runtime, options: RegionMonitoringOptions, io: CliIO): Promise<number> {
  const list = await regionAlerts(new AlertService(runtime.store), new RegionIndex(runtime.store), options.department, options.year);
  if (options.json) {
    io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = list.alerts.map((a) => [a.departmentCode, a.checkpoint ?? '—', a.severity, ALERT_RULE_LABELS[a.rule as AlertRuleName] ?? a.rule, a.projectId ?? '(部门)', a.status, a.message.zh]);
  io.stdout(`${list.departmentCode} 辖区 ${list.fiscalYear} 年度预警 (${list.alerts.length})\n\n${renderTable(['单位', '检查点', '级别', '规则', '项目', '状态', '说明'], rows)}\n`);
  return EXIT.ok;
}
