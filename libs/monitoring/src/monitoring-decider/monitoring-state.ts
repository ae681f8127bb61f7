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

const recordOf = (event: MonitoringRecord): MonitoringRecord => ({ id: event.id, type: event.type, data: event.data, recordedAt: event.recordedAt });

export function evolveMonitoring(state: MonitoringState, event: MonitoringRecord): MonitoringState {
  const alerts = new Map(state.alerts);
  applyAnswers(alerts, event);
  return { events: [...state.events, recordOf(event)], alerts };
}

/**
 * The whole stream at once, as evolveMonitoring event by event would fold it, in one pass: a department's thousands
 * of acknowledgements would otherwise copy the events and the alert map once each.
 */
export function foldMonitoring(events: readonly MonitoringRecord[]): MonitoringState {
  const alerts = new Map<string, AlertAnswers>();
  for (const event of events) applyAnswers(alerts, event);
  return { events: events.map(recordOf), alerts };
}

function applyAnswers(alerts: Map<string, AlertAnswers>, event: MonitoringRecord): void {
  const raised = raisedAlertsOf(event);
  if (raised.length) {
    for (const alert of raised) alerts.set(alert.alertId, { acknowledged: false, disposition: null });
    return;
  }
  if (event.type !== 'AlertAcknowledged' && event.type !== 'AlertDisposed') return;
  const disposed = event.type === 'AlertDisposed' ? monitoringDataOf(event, 'AlertDisposed') : null;
  const answer = disposed ?? monitoringDataOf(event, 'AlertAcknowledged');
  const before = alerts.get(answer.alertId);
  if (!before) return;
  alerts.set(answer.alertId, disposed ? { ...before, disposition: disposed.disposition } : { ...before, acknowledged: true });
}
