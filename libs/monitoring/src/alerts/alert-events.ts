import { v5 as uuidv5 } from 'uuid';
import type { AlertRuleName, Profile } from '../profiles/profile-schema';
import type { AlertDraft, Severity } from './rule-context';

/** Fixed namespace of monitoring ids: the same alert or evaluation always gets the same UUID. */
export const MONITORING_NAMESPACE = '0b6c1c1e-5f7a-4c4e-8a5d-2f1e9b7c3a10';

export const DISPOSITIONS = ['继续执行', '调剂', '取消'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** 预警: raised at most once per (profile, rule, project, checkpoint). */
export interface AlertRaisedData {
  alertId: string;
  profile: string;
  departmentCode: string;
  fiscalYear: number;
  rule: AlertRuleName;
  severity: Severity;
  projectId: string | null;
  checkpoint: string | null;
  figures: Record<string, string | null>;
  message: { zh: string; en: string };
  /** Who must answer: the department (财务科 of the unit) */
  responsible: string;
  raisedOn: string;
  /** Answer (继续执行 / 调剂 / 取消) due by this date, else the project is 暂停 */
  deadline: string;
}

export interface AlertAcknowledgedData {
  alertId: string;
  actor: string;
  at: string;
}

export interface AlertDisposedData {
  alertId: string;
  disposition: Disposition;
  actor: string;
  note: string;
  at: string;
}

export type MonitoringAlertEvent =
  | { type: 'AlertRaised'; data: AlertRaisedData }
  | { type: 'AlertAcknowledged'; data: AlertAcknowledgedData }
  | { type: 'AlertDisposed'; data: AlertDisposedData };

export function alertIdOf(profile: string, departmentCode: string, fiscalYear: number, draft: Pick<AlertDraft, 'rule' | 'projectId' | 'checkpoint'> & { figures?: AlertDraft['figures'] }): string {
  // Indicator rules fire per indicator: the indicator is part of the period key.
  const indicator = draft.figures?.indicatorId ? `#${draft.figures.indicatorId}` : '';
  return uuidv5(`alert/${profile}/${draft.rule}/${departmentCode}/${fiscalYear}/${draft.projectId ?? '*'}${indicator}/${draft.checkpoint}`, MONITORING_NAMESPACE);
}

/** date + n days (calendar) or n working days (Mon–Fri; public holidays are not modelled). */
export function addDays(date: string, days: number, kind: 'working' | 'calendar'): string {
  const day = new Date(`${date}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (kind === 'calendar' || (weekday !== 0 && weekday !== 6)) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}

export function alertRaised(profile: Profile, departmentCode: string, fiscalYear: number, draft: AlertDraft, raisedOn: string): AlertRaisedData {
  return {
    alertId: alertIdOf(profile.name, departmentCode, fiscalYear, draft),
    profile: profile.name,
    departmentCode,
    fiscalYear,
    rule: draft.rule,
    severity: draft.severity,
    projectId: draft.projectId,
    checkpoint: draft.checkpoint,
    figures: draft.figures,
    message: { zh: draft.zh, en: draft.en },
    responsible: departmentCode,
    raisedOn,
    deadline: addDays(raisedOn, profile.responseDeadline.days, profile.responseDeadline.kind),
  };
}
