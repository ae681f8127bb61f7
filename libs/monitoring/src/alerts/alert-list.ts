import { todayInChina } from '@bem/domain';
import type * as Contract from '@bem/contracts';
import { type AlertAcknowledgedData, type AlertDisposedData, type AlertRaisedData, raisedAlertsOf, raisesAlerts } from './alert-events';
import { monitoringDataOf } from './stored-monitoring-events';

/**
 * The row and list types are the API's contract (libs/contracts), with this library's rule names: the dashboard
 * reads the same types. resolved: a restatement found the figures recovered (the card stays on record).
 */
export type AlertStatus = Contract.AlertStatus;
export type AlertRow = Contract.AlertRow<AlertRaisedData['rule']>;
export type AlertList = Contract.AlertList<AlertRaisedData['rule']>;

interface StoredLike {
  type: string;
  data: unknown;
  recordedAt: string;
}

/**
 * 截至 / 按当时登记 of an alert list: `asOf` keeps the alerts raised for a checkpoint dated ≤ it (a real-time alert:
 * its event's business date); `knownAt` folds only the monitoring events recorded by then, so an alert acknowledged
 * later shows open. Either one also moves "today" (the overdue test) back to its date.
 */
export interface AlertView {
  asOf?: string;
  knownAt?: string;
}

/** The business date an alert belongs to: its checkpoint's date, else the refused payment's date, else its month's first day. */
export function alertBusinessDate(row: Pick<AlertRow, 'checkpoint' | 'figures' | 'raisedAt'>): string {
  if (row.checkpoint && /^\d{4}-\d{2}-\d{2}$/.test(row.checkpoint)) return row.checkpoint;
  const occurredOn = row.figures?.occurredOn;
  if (typeof occurredOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(occurredOn)) return occurredOn;
  if (row.checkpoint && /^\d{4}-\d{2}$/.test(row.checkpoint)) return `${row.checkpoint}-01`;
  return todayInChina(new Date(row.raisedAt));
}

/** The day the overdue test looks at: the earliest of today, the as-of date and the known-at instant's China date. */
const viewToday = (today: string, view: AlertView): string =>
  [today, view.asOf, view.knownAt ? todayInChina(new Date(view.knownAt)) : undefined].filter((day): day is string => !!day).sort()[0];

/** Pure fold of a monitoring stream into the alert list as of `today` (China date), seen from `view`. */
export function alertListOf(departmentCode: string, fiscalYear: number, events: readonly StoredLike[], today: string, view: AlertView = {}): AlertList {
  const rows = new Map<string, { raised: AlertRaisedData; raisedAt: string; ack: AlertAcknowledgedData | null; disposed: AlertDisposedData | null; resolved: boolean }>();
  const knownAt = view.knownAt ? Date.parse(view.knownAt) : Infinity;
  const day = viewToday(today, view);
  for (const event of events) {
    if (Date.parse(event.recordedAt) > knownAt) continue;
    if (raisesAlerts(event.type)) {
      // One alert per AlertRaised, every alert of an AlertsRaised batch: the same rows either way
      for (const raised of raisedAlertsOf(event)) rows.set(raised.alertId, { raised, raisedAt: event.recordedAt, ack: null, disposed: null, resolved: false });
    } else if (event.type === 'AlertUpdated') {
      const { alertId, evaluation: _evaluation, ...update } = monitoringDataOf(event, 'AlertUpdated');
      const row = rows.get(alertId);
      if (row) Object.assign(row, { raised: { ...row.raised, ...update }, resolved: false });
    } else if (event.type === 'AlertResolved') {
      const row = rows.get(monitoringDataOf(event, 'AlertResolved').alertId);
      if (row) row.resolved = true;
    } else if (event.type === 'AlertAcknowledged') {
      const data = monitoringDataOf(event, 'AlertAcknowledged');
      const row = rows.get(data.alertId);
      if (row) row.ack = data;
    } else if (event.type === 'AlertDisposed') {
      const data = monitoringDataOf(event, 'AlertDisposed');
      const row = rows.get(data.alertId);
      if (row) row.disposed = data;
    }
  }
  const alerts = [...rows.values()].map(({ raised, raisedAt, ack, disposed, resolved }): AlertRow => ({
    id: raised.alertId,
    rule: raised.rule,
    severity: raised.severity,
    projectId: raised.projectId,
    checkpoint: raised.checkpoint,
    raisedAt,
    figures: raised.figures,
    status: disposed ? 'disposed' : resolved ? 'resolved' : raised.severity === 'red' && day > raised.deadline ? 'overdue' : ack ? 'acknowledged' : 'open',
    rules: raised.rules ?? [],
    profile: raised.profile,
    message: raised.message,
    responsible: raised.responsible,
    deadline: raised.deadline,
    acknowledged: ack,
    disposition: disposed,
  })).filter((row) => !view.asOf || alertBusinessDate(row) <= view.asOf);
  const suspended = new Map<string, string[]>();
  for (const alert of alerts) {
    if (alert.status !== 'overdue' || alert.projectId === null) continue;
    suspended.set(alert.projectId, [...(suspended.get(alert.projectId) ?? []), alert.id]);
  }
  return {
    departmentCode,
    fiscalYear,
    alerts,
    suspendedProjects: [...suspended].map(([projectId, alertIds]) => ({ projectId, alertIds })),
  };
}
