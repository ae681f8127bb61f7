import { CommandHandler } from '@bem/commands';
import { monitoringStream, todayInChina } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import { loadProfile } from '../profiles/profile-loader';
import { type MonitoringCommand, type MonitoringState, monitoringDecider, requireDisposition, unknownAlert } from '../monitoring-decider';
import { groupedYuan } from './rule-context';
import { type AlertRaisedData, alertRaised } from './alert-events';
import { findAlert } from './alert-index';
import { type AlertList, type AlertRow, type AlertView, alertListOf } from './alert-list';

/** The figures of an EXCEEDS_AVAILABLE_BUDGET refusal (yuan strings). */
export interface RefusedPayment {
  departmentCode: string;
  fiscalYear: number;
  projectId: string;
  paymentId: string;
  occurredOn: string;
  requested: string;
  available: string;
  budget: string;
  paid: string;
  actor: string;
}

interface DepartmentYear {
  departmentCode: string;
  fiscalYear: number;
}

/**
 * The alert inbox of a department-year: list, acknowledge, dispose (继续执行 / 调剂 / 取消). The monitoring decider
 * decides every answer; the generic command handler appends it at the stream's expected revision.
 */
export class AlertService {
  private readonly handler: CommandHandler;

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.handler = new CommandHandler(store);
  }

  /** The alert list; `view` (截至 / 按当时登记) shows it as it stood then (alert-list.ts). */
  async list(departmentCode: string, fiscalYear: number, view: AlertView = {}): Promise<AlertList> {
    const events = await this.store.readStream(monitoringStream(departmentCode, fiscalYear));
    return alertListOf(departmentCode, fiscalYear, events, todayInChina(this.clock()), view);
  }

  /**
   * 超预算支付被拒: a payment was refused for exceeding the available budget. Raises one alert per project and month
   * (later refusals of that month are already covered) with the figures of the refusal; null when the profile
   * switched the rule off or the month already has its alert.
   */
  async recordRefusedPayment(refusal: RefusedPayment, profileName?: string): Promise<AlertRaisedData | null> {
    const profile = loadProfile(profileName);
    const rule = profile.alertRules.overspendAttempt;
    if (!rule.enabled) return null;
    const month = refusal.occurredOn.slice(0, 7);
    const alert = alertRaised(profile, refusal.departmentCode, refusal.fiscalYear, {
      rule: 'overspendAttempt',
      severity: rule.severity,
      projectId: refusal.projectId,
      checkpoint: month,
      figures: { paymentId: refusal.paymentId, occurredOn: refusal.occurredOn, requested: refusal.requested, available: refusal.available, budget: refusal.budget, paid: refusal.paid },
      zh: `项目 ${refusal.projectId} ${refusal.occurredOn} 申请支付 ${groupedYuan(refusal.requested)} 元，超过可用预算 ${groupedYuan(refusal.available)} 元，已拒绝`,
      en: `project ${refusal.projectId}: a payment of ${refusal.requested} was refused, only ${refusal.available} available (${month})`,
    }, todayInChina(this.clock()));
    const outcome = await this.answer(refusal, { kind: 'RaiseRefusedOverspendCard', alert }, refusal.actor);
    return outcome.decided.length ? alert : null;
  }

  /** Idempotent: a second acknowledgement returns the row unchanged. */
  async acknowledge(alertId: string, actor: string): Promise<AlertRow> {
    const [row] = await this.acknowledgeMany([alertId], actor);
    return row;
  }

  /**
   * 批量确认: acknowledges many alerts, one decision and one append (at its expected revision) per department-year
   * stream. Alerts already acknowledged or disposed are left as they are; an unknown id refuses the whole call.
   */
  async acknowledgeMany(alertIds: readonly string[], actor: string): Promise<AlertRow[]> {
    const streams = new Map<string, DepartmentYear & { ids: string[] }>();
    for (const alertId of new Set(alertIds)) {
      const found = await this.locate(alertId);
      const stream = monitoringStream(found.departmentCode, found.fiscalYear);
      const entry = streams.get(stream) ?? { departmentCode: found.departmentCode, fiscalYear: found.fiscalYear, ids: [] };
      entry.ids.push(alertId);
      streams.set(stream, entry);
    }
    const rows: AlertRow[] = [];
    for (const entry of streams.values()) {
      const { alerts } = await this.answer(entry, { kind: 'AcknowledgeAlerts', alertIds: entry.ids, actor, at: this.clock().toISOString() }, actor);
      rows.push(...alerts.filter((row) => entry.ids.includes(row.id)));
    }
    return rows;
  }

  /** Records the department's answer; a different second answer is refused, the same one is a no-op. */
  async dispose(alertId: string, disposition: string, actor: string, note = ''): Promise<AlertRow> {
    requireDisposition(disposition);
    const found = await this.locate(alertId);
    const { alerts } = await this.answer(found, { kind: 'DisposeAlert', alertId, disposition, actor, note, at: this.clock().toISOString() }, actor);
    return alerts.find((row) => row.id === alertId) as AlertRow;
  }

  /** The department-year an alert was raised in (through the alert index), or UNKNOWN_ALERT. */
  private async locate(alertId: string): Promise<DepartmentYear> {
    const found = await findAlert(this.store, alertId);
    if (!found) throw unknownAlert(alertId);
    return found;
  }

  /** Runs one monitoring command on the department-year's stream; the inbox rows after it, without a second read. */
  private async answer(where: DepartmentYear, command: MonitoringCommand, actor: string) {
    const outcome = await this.handler.handleWith(monitoringDecider, {
      stream: monitoringStream(where.departmentCode, where.fiscalYear),
      command: () => command,
      metadata: { actor, source: 'alerts' },
    });
    const at = this.clock().toISOString();
    const decided = outcome.decision.events;
    const events: MonitoringState['events'] = [...outcome.state.events, ...decided.map((event) => ({ ...event, recordedAt: at }))];
    return { decided, alerts: alertListOf(where.departmentCode, where.fiscalYear, events, todayInChina(this.clock())).alerts };
  }
}
