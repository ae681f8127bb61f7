import type { RuleFinding } from './alert-cards';
import { type AlertAcknowledgedData, type AlertDisposedData, type AlertRaisedData, raisedAlertsOf, raisesAlerts } from './alert-events';
import { monitoringDataOf } from './stored-monitoring-events';

/** resolved: a restatement found the figures recovered (the card stays on record) */
export type AlertStatus = 'open' | 'acknowledged' | 'disposed' | 'overdue' | 'resolved';

/** One row of `bem alerts --json` (contract fields first). */
export interface AlertRow {
  id: string;
  rule: AlertRaisedData['rule'];
  severity: AlertRaisedData['severity'];
  projectId: string | null;
  checkpoint: string | null;
  raisedAt: string;
  figures: AlertRaisedData['figures'];
  status: AlertStatus;
  /** Every rule the card's subject breaks (one for a real-time alert) */
  rules: RuleFinding[];
  profile: string;
  message: AlertRaisedData['message'];
  responsible: string;
  deadline: string;
  acknowledged: AlertAcknowledgedData | null;
  disposition: AlertDisposedData | null;
}

export interface AlertList {
  departmentCode: string;
  fiscalYear: number;
  alerts: AlertRow[];
  /** 暂停: projects with a red alert unanswered past its deadline */
  suspendedProjects: { projectId: string; alertIds: string[] }[];
}

interface StoredLike {
  type: string;
  data: unknown;
  recordedAt: string;
}

/** Pure fold of a monitoring stream into the alert list as of `today` (China date). */
export function alertListOf(departmentCode: string, fiscalYear: number, events: readonly StoredLike[], today: string): AlertList {
  const rows = new Map<string, { raised: AlertRaisedData; raisedAt: string; ack: AlertAcknowledgedData | null; disposed: AlertDisposedData | null; resolved: boolean }>();
  for (const event of events) {
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
    status: disposed ? 'disposed' : resolved ? 'resolved' : raised.severity === 'red' && today > raised.deadline ? 'overdue' : ack ? 'acknowledged' : 'open',
    rules: raised.rules ?? [],
    profile: raised.profile,
    message: raised.message,
    responsible: raised.responsible,
    deadline: raised.deadline,
    acknowledged: ack,
    disposition: disposed,
  }));
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
