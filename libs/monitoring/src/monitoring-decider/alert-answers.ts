import { DomainError } from '@bem/domain';
import type { DecidedEvent } from '@bem/commands';
import { type AlertAcknowledgedData, type AlertDisposedData, type AlertRaisedData, DISPOSITIONS, type Disposition, monitoringId } from '../alerts/alert-events';
import type { AlertAnswers, MonitoringState } from './monitoring-state';

export const unknownAlert = (alertId: string) =>
  new DomainError('UNKNOWN_ALERT', 'alertId', `预警 ${alertId} 不存在`, `alert ${alertId} does not exist`, { alertId });

const alreadyDisposed = (alertId: string, disposition: string) =>
  new DomainError('ALERT_ALREADY_DISPOSED', 'disposition', `预警 ${alertId} 已处置为「${disposition}」`, `alert ${alertId} was already disposed as "${disposition}"`, { alertId, disposition });

const badDisposition = (given: string) =>
  new DomainError('INVALID_DISPOSITION', 'disposition', `处置须为 ${DISPOSITIONS.join(' / ')}（收到「${given}」）`, `disposition must be one of ${DISPOSITIONS.join(', ')} (got "${given}")`, { disposition: given });

/** 处置 must be one of 继续执行 / 调剂 / 取消. */
export function requireDisposition(given: string): Disposition {
  if (!(DISPOSITIONS as readonly string[]).includes(given)) throw badDisposition(given);
  return given as Disposition;
}

/** 确认 (single or 批量确认): the alerts of one department-year stream, by one actor at one instant. */
export interface AcknowledgeAlerts {
  kind: 'AcknowledgeAlerts';
  alertIds: readonly string[];
  actor: string;
  at: string;
}

/** 处置: the department's answer to one alert. */
export interface DisposeAlert {
  kind: 'DisposeAlert';
  alertId: string;
  disposition: string;
  actor: string;
  note: string;
  at: string;
}

/** 超预算支付被拒: the card of a refused payment (made outside: it needs the profile and the day). */
export interface RaiseRefusedOverspendCard {
  kind: 'RaiseRefusedOverspendCard';
  alert: AlertRaisedData;
}

const answersOf = (state: MonitoringState, alertId: string): AlertAnswers => {
  const answers = state.alerts.get(alertId);
  if (!answers) throw unknownAlert(alertId);
  return answers;
};

/** Alerts already acknowledged or disposed are left as they are (a second acknowledgement is a no-op); an unknown one refuses the whole command. */
export function decideAcknowledgements(command: AcknowledgeAlerts, state: MonitoringState): DecidedEvent[] {
  const fresh = [...new Set(command.alertIds)].filter((alertId) => {
    const answers = answersOf(state, alertId);
    return !answers.acknowledged && !answers.disposition;
  });
  return fresh.map((alertId) => ({ id: monitoringId(`ack/${alertId}`), type: 'AlertAcknowledged', data: { alertId, actor: command.actor, at: command.at } satisfies AlertAcknowledgedData }));
}

/** The same answer twice is a no-op; a different second answer is refused. */
export function decideDisposition(command: DisposeAlert, state: MonitoringState): DecidedEvent[] {
  const disposition = requireDisposition(command.disposition);
  const answers = answersOf(state, command.alertId);
  if (answers.disposition) {
    if (answers.disposition !== disposition) throw alreadyDisposed(command.alertId, answers.disposition);
    return [];
  }
  const { alertId, actor, note, at } = command;
  return [{ id: monitoringId(`dispose/${alertId}`), type: 'AlertDisposed', data: { alertId, disposition, actor, note, at } satisfies AlertDisposedData }];
}

/** One card per project and month: a later refusal of the month is covered by the card already raised. */
export function decideRefusedOverspendCard(command: RaiseRefusedOverspendCard, state: MonitoringState): DecidedEvent[] {
  if (state.alerts.has(command.alert.alertId)) return [];
  return [{ id: command.alert.alertId, type: 'AlertRaised', data: command.alert }];
}
