import { DomainError, monitoringStream, todayInChina } from '@bem/domain';
import { DuplicateEventId, type EventStore, WrongExpectedRevision } from '@bem/event-store';
import { loadProfile } from '../profiles/profile-loader';
import { groupedYuan } from './rule-context';
import { type AlertDisposedData, type AlertRaisedData, DISPOSITIONS, type Disposition, alertRaised, monitoringId } from './alert-events';
import { alertIndexWrites, findAlert } from './alert-index';
import { type AlertList, type AlertRow, alertListOf } from './alert-list';

export const unknownAlert = (alertId: string) =>
  new DomainError('UNKNOWN_ALERT', 'alertId', `预警 ${alertId} 不存在`, `alert ${alertId} does not exist`, { alertId });

const alreadyDisposed = (alertId: string, disposition: string) =>
  new DomainError('ALERT_ALREADY_DISPOSED', 'disposition', `预警 ${alertId} 已处置为「${disposition}」`, `alert ${alertId} was already disposed as "${disposition}"`, { alertId, disposition });

const badDisposition = (given: string) =>
  new DomainError('INVALID_DISPOSITION', 'disposition', `处置须为 ${DISPOSITIONS.join(' / ')}（收到「${given}」）`, `disposition must be one of ${DISPOSITIONS.join(', ')} (got "${given}")`, { disposition: given });

/** The alert inbox of a department-year: list, acknowledge, dispose (继续执行 / 调剂 / 取消). */
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

/** 1234567.5 -> "1,234,567.50" (元 as a finance office reads them) */

export class AlertService {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(departmentCode: string, fiscalYear: number): Promise<AlertList> {
    const events = await this.store.readStream(monitoringStream(departmentCode, fiscalYear));
    return alertListOf(departmentCode, fiscalYear, events, todayInChina(this.clock()));
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
    const data = alertRaised(profile, refusal.departmentCode, refusal.fiscalYear, {
      rule: 'overspendAttempt',
      severity: rule.severity,
      projectId: refusal.projectId,
      checkpoint: month,
      figures: { paymentId: refusal.paymentId, occurredOn: refusal.occurredOn, requested: refusal.requested, available: refusal.available, budget: refusal.budget, paid: refusal.paid },
      zh: `项目 ${refusal.projectId} ${refusal.occurredOn} 申请支付 ${groupedYuan(refusal.requested)} 元，超过可用预算 ${groupedYuan(refusal.available)} 元，已拒绝`,
      en: `project ${refusal.projectId}: a payment of ${refusal.requested} was refused, only ${refusal.available} available (${month})`,
    }, todayInChina(this.clock()));
    const stream = monitoringStream(refusal.departmentCode, refusal.fiscalYear);
    const raised = async () => (await this.store.findEvents([data.alertId], { streams: [stream] })).size > 0;
    if (await raised()) return null;
    const revision = await this.store.streamRevision(stream);
    try {
      // Indexed like a batch, so that findAlert knows its stream from its id alone
      const event = { id: data.alertId, type: 'AlertRaised', data, metadata: { actor: refusal.actor, source: 'alerts' } };
      await this.store.appendMany([{ stream, events: [event], expectedRevision: revision === -1 ? 'no_stream' : revision }, ...alertIndexWrites(data.alertId, stream, [data.alertId])]);
    } catch (error) {
      // Another writer moved the stream: if it raised this very card, the refusal is covered; otherwise it is the caller's to retry
      if ((error instanceof DuplicateEventId || error instanceof WrongExpectedRevision) && (await raised())) return null;
      throw error;
    }
    return data;
  }

  /** Idempotent: a second acknowledgement returns the row unchanged. */
  async acknowledge(alertId: string, actor: string): Promise<AlertRow> {
    return this.answer(alertId, (row) => {
      if (row.acknowledged || row.disposition) return null;
      return { id: monitoringId(`ack/${alertId}`), type: 'AlertAcknowledged', data: { alertId, actor, at: this.clock().toISOString() } };
    });
  }

  /**
   * 批量确认: acknowledges many alerts, one read and one append (at its expected revision) per department-year
   * stream. Alerts already acknowledged or disposed are left as they are; an unknown id refuses the whole call.
   */
  async acknowledgeMany(alertIds: readonly string[], actor: string): Promise<AlertRow[]> {
    const streams = new Map<string, { departmentCode: string; fiscalYear: number; ids: string[] }>();
    for (const alertId of new Set(alertIds)) {
      const found = await findAlert(this.store, alertId);
      if (!found) throw unknownAlert(alertId);
      const stream = monitoringStream(found.departmentCode, found.fiscalYear);
      const entry = streams.get(stream) ?? { departmentCode: found.departmentCode, fiscalYear: found.fiscalYear, ids: [] };
      entry.ids.push(alertId);
      streams.set(stream, entry);
    }
    const rows: AlertRow[] = [];
    for (const [stream, { departmentCode, fiscalYear, ids }] of streams) {
      const events = await this.store.readStream(stream);
      const byId = new Map(alertListOf(departmentCode, fiscalYear, events, todayInChina(this.clock())).alerts.map((row) => [row.id, row]));
      const at = this.clock().toISOString();
      const fresh = ids.filter((id) => { const row = byId.get(id)!; return !row.acknowledged && !row.disposition; });
      if (fresh.length) {
        await this.store.append(stream, fresh.map((alertId) => ({ id: monitoringId(`ack/${alertId}`), type: 'AlertAcknowledged', data: { alertId, actor, at }, metadata: { actor, source: 'alerts' } })), { expectedRevision: events[events.length - 1].revision });
      }
      const after = (await this.list(departmentCode, fiscalYear)).alerts;
      rows.push(...after.filter((row) => ids.includes(row.id)));
    }
    return rows;
  }

  /** Records the department's answer; a different second answer is refused, the same one is a no-op. */
  async dispose(alertId: string, disposition: string, actor: string, note = ''): Promise<AlertRow> {
    if (!(DISPOSITIONS as readonly string[]).includes(disposition)) throw badDisposition(disposition);
    return this.answer(alertId, (row) => {
      if (row.disposition) {
        if (row.disposition.disposition !== disposition) throw alreadyDisposed(alertId, row.disposition.disposition);
        return null;
      }
      const data: AlertDisposedData = { alertId, disposition: disposition as Disposition, actor, note, at: this.clock().toISOString() };
      return { id: monitoringId(`dispose/${alertId}`), type: 'AlertDisposed', data };
    });
  }

  private async answer(alertId: string, decide: (row: AlertRow) => { id: string; type: string; data: unknown } | null): Promise<AlertRow> {
    const found = await findAlert(this.store, alertId);
    if (!found) throw unknownAlert(alertId);
    const { departmentCode, fiscalYear } = found;
    for (let attempt = 1; ; attempt++) {
      const stream = monitoringStream(departmentCode, fiscalYear);
      const events = await this.store.readStream(stream);
      const row = alertListOf(departmentCode, fiscalYear, events, todayInChina(this.clock())).alerts.find((alert) => alert.id === alertId)!;
      const event = decide(row);
      if (!event) return row;
      try {
        await this.store.append(stream, [{ ...event, metadata: { actor: (event.data as { actor: string }).actor, source: 'alerts' } }], { expectedRevision: events[events.length - 1].revision });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision || error instanceof DuplicateEventId) || attempt >= 10) throw error;
        continue;
      }
      return (await this.list(departmentCode, fiscalYear)).alerts.find((alert) => alert.id === alertId)!;
    }
  }
}
