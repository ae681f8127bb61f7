import { ALERT_RULE_LABELS, AlertService, type AlertPage, type AlertQuery, type AlertRuleName, queryAlerts } from '@bem/monitoring';
import { EXIT, type CliIO } from '../io';
import type { Runtime } from '../runtime';
import { renderTable } from '../table';

export interface AlertsOptions {
  department: string;
  year: number;
  json?: boolean;
  query?: AlertQuery;
}

const SEVERITY: Record<string, string> = { red: '红 red', yellow: '黄 yellow' };
const STATUS: Record<string, string> = { open: '待处理 open', acknowledged: '已确认 acknowledged', disposed: '已处置 disposed', overdue: '逾期 overdue' };

/** `bem alerts`: the department-year's alerts with their status; projects 暂停 when a red alert went unanswered. */
export async function printAlerts(runtime: Runtime, options: AlertsOptions, io: CliIO): Promise<number> {
  const list = await new AlertService(runtime.store).list(options.department, options.year);
  const names = new Map((await runtime.progress.projects(options.department, options.year)).map((project) => [project.projectId, project.name]));
  const page = queryAlerts(list.alerts.map((alert) => ({ ...alert, departmentCode: list.departmentCode })), options.query ?? {}, names, list.suspendedProjects);
  const document = { departmentCode: list.departmentCode, fiscalYear: list.fiscalYear, ...page };
  io.stdout(options.json ? `${JSON.stringify(document, null, 2)}\n` : `${describe(document)}\n`);
  return EXIT.ok;
}

function describe(list: AlertPage & { departmentCode: string; fiscalYear: number }): string {
  const shown = list.total > list.alerts.length ? `，第 ${list.offset + 1}–${list.offset + list.alerts.length} 条 / showing ${list.offset + 1}–${list.offset + list.alerts.length}` : '';
  const title = `${list.departmentCode} ${list.fiscalYear} 年度预警 alerts (${list.total}${shown})`;
  const rows = list.alerts.map((alert) => [
    alert.checkpoint ?? '—', SEVERITY[alert.severity], ALERT_RULE_LABELS[alert.rule as AlertRuleName] ?? alert.rule, alert.projectId ?? '(部门)', STATUS[alert.status], alert.deadline, alert.message.zh,
  ]);
  const table = renderTable(['检查点', '级别', '规则', '项目', '状态', '答复期限', '说明'], rows, new Set());
  const suspended = list.suspendedProjects.map((project) => `暂停 suspended: ${project.projectId}（红色预警逾期未处置 / red alert unanswered past its deadline）`);
  return [title, '', table, ...suspended].join('\n');
}
