import { type Disposition, raisedAlertsOf } from '../alerts/alert-events';
import { monitoringDataOf } from '../alerts/stored-monitoring-events';

/** An event of a monitoring stream as stored (the fields the decisions and the read helpers use). */
export interface MonitoringRecord {
  id: string;
  type: string;
  data: unknown;
  recordedAt: string;
}

/** What the department has answered to one alert. */
export interface AlertAnswers {
  acknowledged: boolean;
  disposition: Disposition | null;
}

/**
 * The folded state of a department-year's monitoring stream. `events` are kept as recorded: a checkpoint's
 * decision compares with its latest evaluation and lists open cards through the same pure readers the report
 * and the inbox use (latestEvaluations, alertListOf), so decision and display cannot drift apart.
 */
export interface MonitoringState {
  events: readonly MonitoringRecord[];
  /** Every alert raised in the stream (single or batched), with its answers. */
  alerts: ReadonlyMap<string, AlertAnswers>;
}

export const initialMonitoringState = (): MonitoringState => ({ events: [], alerts: new Map() });

export function evolveMonitoring(state: MonitoringState, event: MonitoringRecord): MonitoringState {
  const record: MonitoringRecord = { id: event.id, type: event.type, data: event.data, recordedAt: event.recordedAt };
  return { events: [...state.events, record], alerts: answersAfter(state.alerts, event) };
}

function answersAfter(alerts: ReadonlyMap<string, AlertAnswers>, event: MonitoringRecord): ReadonlyMap<string, AlertAnswers> {
  const raised = raisedAlertsOf(event);
  if (raised.length) {
    const next = new Map(alerts);
    for (const alert of raised) next.set(alert.alertId, { acknowledged: false, disposition: null });
    return next;
  }
  if (event.type !== 'AlertAcknowledged' && event.type !== 'AlertDisposed') return alerts;
  const disposed = event.type === 'AlertDisposed' ? monitoringDataOf(event, 'AlertDisposed') : null;
  const answer = disposed ?? monitoringDataOf(event, 'AlertAcknowledged');
  const before = alerts.get(answer.alertId);
  if (!before) return alerts;
  const after = disposed ? { ...before, disposition: disposed.disposition } : { ...before, acknowledged: true };
  return new Map(alerts).set(answer.alertId, after);
}
