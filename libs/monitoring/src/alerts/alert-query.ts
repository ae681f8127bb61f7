import type * as Contract from '@bem/contracts';
import type { AlertList, AlertRow, AlertStatus } from './alert-list';

export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'disposed', 'overdue', 'resolved'];

/** What an alert list query may ask for (architecture §10): every filter optional, several values OR-ed. */
export interface AlertQuery {
  limit?: number;
  offset?: number;
  status?: readonly AlertStatus[];
  rule?: readonly string[];
  severity?: readonly string[];
  projectId?: string;
  checkpoint?: string;
  profile?: string;
  /** The unit (department code) within a region */
  unit?: string;
  /** Part of a project's name or id */
  q?: string;
  /** Page over projects instead of alerts; each group lists its project's matching alerts */
  groupBy?: 'project';
}

export type AlertQueryRow = Contract.AlertQueryRow<AlertRow['rule']>;
export type AlertGroup = Contract.AlertGroup<AlertRow['rule']>;
/** One page of an alert list (libs/contracts): `{ total, alerts }`, the counts per status, groups when asked. */
export type AlertPage = Contract.AlertPage<AlertRow['rule']>;

/** Without `limit` a page holds up to 1,000 alerts (what a department page shows at once). */
export const DEFAULT_ALERT_LIMIT = 1000;
export const MAX_ALERT_LIMIT = 1000;

const includes = (values: readonly string[] | undefined, value: string) => !values?.length || values.includes(value);

/** Pure: filters, counts and pages the alert rows of one or several departments (project names for search). */
export function queryAlerts(rows: readonly (AlertRow & { departmentCode: string })[], query: AlertQuery, projectNames: ReadonlyMap<string, string>, suspended: AlertList['suspendedProjects'] = []): AlertPage {
  const needle = query.q?.trim().toLowerCase() ?? '';
  const named = rows.map((row): AlertQueryRow => ({ ...row, projectName: row.projectId === null ? null : (projectNames.get(row.projectId) ?? null) }));
  const matching = named.filter((row) =>
    includes(query.rule, row.rule) && includes(query.severity, row.severity)
    && (query.projectId === undefined || row.projectId === query.projectId)
    && (query.checkpoint === undefined || row.checkpoint === query.checkpoint || (row.checkpoint ?? '').startsWith(query.checkpoint))
    && (query.profile === undefined || row.profile === query.profile)
    && (query.unit === undefined || row.departmentCode === query.unit)
    && (needle === '' || `${row.projectName ?? ''} ${row.projectId ?? ''}`.toLowerCase().includes(needle)));
  const counts = Object.fromEntries(ALERT_STATUSES.map((status) => [status, 0])) as Record<AlertStatus, number>;
  for (const row of matching) counts[row.status] += 1;
  const selected = matching.filter((row) => includes(query.status, row.status));
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.min(MAX_ALERT_LIMIT, Math.max(1, query.limit ?? DEFAULT_ALERT_LIMIT));
  const base = { total: selected.length, offset, limit, counts, suspendedProjects: suspended };
  if (query.groupBy !== 'project') return { ...base, alerts: selected.slice(offset, offset + limit) };
  const groups = new Map<string, AlertGroup>();
  for (const row of selected) {
    const key = `${row.departmentCode}/${row.projectId ?? '*'}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { projectId: row.projectId, projectName: row.projectName, departmentCode: row.departmentCode, total: 0, red: 0, alerts: [] }));
    group.total += 1;
    if (row.severity === 'red') group.red += 1;
    group.alerts.push(row);
  }
  const page = [...groups.values()].slice(offset, offset + limit);
  return { ...base, alerts: page.flatMap((group) => group.alerts), groupTotal: groups.size, groups: page };
}
