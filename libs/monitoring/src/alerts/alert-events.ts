import { nameBasedIds } from '@bem/event-store';
import type { AlertRuleName, Profile } from '../profiles/profile-schema';
import { type RuleFinding, findingOf } from './alert-cards';
import { type Sentence, joinedSentences, sentenceOf } from './alert-sentences';
import { type FindingShape, type PackedFinding, FindingPacker } from './packed-findings';
import type { AlertDraft, Severity } from './rule-context';
import { monitoringDataOf } from './stored-monitoring-events';

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
  /** Every rule the subject breaks at the checkpoint (absent in alerts stored before cards: read as their one rule) */
  rules?: RuleFinding[];
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
  | { type: 'AlertsRaised'; data: AlertsRaisedData }
  | { type: 'AlertAcknowledged'; data: AlertAcknowledgedData }
  | { type: 'AlertDisposed'; data: AlertDisposedData };

/** The v5 UUID of a name in the monitoring namespace: every id the monitoring module writes (alerts, batches, answers). */
export const monitoringId = nameBasedIds(MONITORING_NAMESPACE);

export function alertIdOf(profile: string, departmentCode: string, fiscalYear: number, draft: Pick<AlertDraft, 'rule' | 'projectId' | 'checkpoint'> & { figures?: AlertDraft['figures']; card?: boolean }): string {
  if (draft.card) return monitoringId(`card/${profile}/${departmentCode}/${fiscalYear}/${draft.projectId ?? '*'}/${draft.checkpoint}`);
  // Indicator rules fire per indicator: the indicator is part of the period key.
  const indicator = draft.figures?.indicatorId ? `#${draft.figures.indicatorId}` : '';
  return monitoringId(`alert/${profile}/${draft.rule}/${departmentCode}/${fiscalYear}/${draft.projectId ?? '*'}${indicator}/${draft.checkpoint}`);
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

/** The answer deadline of an alert raised on `raisedOn` (the last one computed is kept: a batch shares it). */
let lastDeadline = { raisedOn: '', days: -1, kind: '', deadline: '' };
function deadlineOf(profile: Profile, raisedOn: string): string {
  const { days, kind } = profile.responseDeadline;
  if (lastDeadline.raisedOn !== raisedOn || lastDeadline.days !== days || lastDeadline.kind !== kind) {
    lastDeadline = { raisedOn, days, kind, deadline: addDays(raisedOn, days, kind) };
  }
  return lastDeadline.deadline;
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
    rules: draft.rules ?? [findingOf(draft)],
    responsible: departmentCode,
    raisedOn,
    deadline: deadlineOf(profile, raisedOn),
  };
}

/** A card's finding as a batch stores it: without its sentence when the sentence is worded from the figures (see cardsRaised). */
export type StoredFinding = Omit<RuleFinding, 'message'> & { message?: RuleFinding['message'] };

/**
 * One alert of an `AlertsRaised` batch: what differs from one alert of the batch to the next. A card whose rule,
 * severity, figures and message are those of its findings (its first finding's, and their sentences joined, as
 * `cardsOf` makes every card) is stored as its findings alone: they are not written twice. A checkpoint's cards
 * (cardsRaised) store their findings without sentences, and the subject's name: the sentences are worded on read.
 */
export type BatchedAlert = Pick<AlertRaisedData, 'alertId' | 'projectId'> & Partial<Pick<AlertRaisedData, 'rule' | 'severity' | 'figures' | 'message'>> & {
  rules?: StoredFinding[];
  /** The findings packed (see PackedFinding); read back as `rules` */
  findings?: PackedFinding[];
  name?: string;
};

const joinedMessage = (rules: readonly RuleFinding[]) => joinedSentences(rules.map((finding) => finding.message));

const sameFigures = (a: AlertRaisedData['figures'], b: AlertRaisedData['figures']): boolean => {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
};

function batchedAlertOf({ alertId, rule, severity, projectId, figures, message, rules }: AlertRaisedData): BatchedAlert {
  const [first] = rules ?? [];
  if (!first || first.rule !== rule || first.severity !== severity || !sameFigures(first.figures, figures)) return { alertId, rule, severity, projectId, figures, message, rules };
  const joined = joinedMessage(rules!);
  return joined.zh === message.zh && joined.en === message.en ? { alertId, projectId, rules } : { alertId, rule, severity, projectId, figures, message, rules };
}

/** A finding read back: its stored sentence, or the one its figures word (memoised: most are never shown). */
function findingRead(stored: StoredFinding, subject: { projectId: string | null; name: string }, place: { departmentCode: string; checkpoint: string; label: string }): RuleFinding {
  if (stored.message) return stored as RuleFinding;
  const { rule, severity, figures } = stored;
  let sentence: Sentence | undefined;
  return { rule, severity, figures, get message() { return (sentence ??= sentenceOf(rule, figures, subject, place)); } };
}

/** A batched alert's own fields, those a card stores as its findings alone derived from them. */
function cardFieldsOf(alert: BatchedAlert, shared: Pick<AlertsRaisedData, 'departmentCode' | 'checkpoint' | 'label'>): Pick<AlertRaisedData, 'rule' | 'severity' | 'figures' | 'message'> & { rules: RuleFinding[] } {
  if (alert.rule && alert.severity && alert.figures && alert.message) {
    const { rule, severity, figures, message } = alert;
    return { rule, severity, figures, message, rules: (alert.rules as RuleFinding[] | undefined) ?? [{ rule, severity, figures, message }] };
  }
  const subject = { projectId: alert.projectId, name: alert.name ?? alert.projectId ?? shared.departmentCode };
  const place = { departmentCode: shared.departmentCode, checkpoint: shared.checkpoint, label: shared.label ?? shared.checkpoint };
  const rules = alert.rules!.map((finding) => findingRead(finding, subject, place));
  let message: Sentence | undefined;
  return { rule: rules[0].rule, severity: rules[0].severity, figures: rules[0].figures, get message() { return (message ??= joinedMessage(rules)); }, rules };
}

/**
 * 预警 raised together by one checkpoint evaluation (one department-year, one checkpoint): one event for the
 * batch instead of one `AlertRaised` per alert. Each alert keeps its own id (the same as an `AlertRaised` would
 * have), rule, severity, figures and message; what they share is stated once. Read it through `raisedAlertsOf`.
 */
export interface AlertsRaisedData {
  profile: string;
  departmentCode: string;
  fiscalYear: number;
  checkpoint: string;
  responsible: string;
  raisedOn: string;
  deadline: string;
  /** The checkpoint's label ("6月"), which the sentences of cards stored without them word */
  label?: string;
  /** The rule and figure keys of each packed finding's shape (cards stored with `findings`) */
  findingShapes?: FindingShape[];
  alerts: BatchedAlert[];
}

/** The batch event of one checkpoint evaluation (its CheckpointEvaluated has the same key). */
export const alertsRaisedEventId = (profile: string, departmentCode: string, fiscalYear: number, checkpoint: string, evaluation: number): string =>
  monitoringId(`alerts/${profile}/${departmentCode}/${fiscalYear}/${checkpoint}/${evaluation}`);

/** Batches alerts that share department-year, checkpoint, raising day and deadline (as one evaluation raises them). */
export function alertsRaised(alerts: readonly AlertRaisedData[]): AlertsRaisedData {
  const [first] = alerts;
  for (const alert of alerts) {
    const same = alert.profile === first.profile && alert.departmentCode === first.departmentCode && alert.fiscalYear === first.fiscalYear
      && alert.checkpoint === first.checkpoint && alert.responsible === first.responsible && alert.raisedOn === first.raisedOn && alert.deadline === first.deadline;
    if (!same) throw new Error(`alert ${alert.alertId} does not belong to the batch of ${first.alertId}`);
  }
  return {
    profile: first.profile, departmentCode: first.departmentCode, fiscalYear: first.fiscalYear, checkpoint: first.checkpoint as string,
    responsible: first.responsible, raisedOn: first.raisedOn, deadline: first.deadline,
    alerts: alerts.map(batchedAlertOf),
  };
}

/** A card a checkpoint raises: its id, subject and findings (red first), their sentences left to be worded on read. */
export interface RaisedCard {
  alertId: string;
  projectId: string | null;
  name: string;
  rules: StoredFinding[];
}

/**
 * The batch of the cards one checkpoint evaluation raises, stored without sentences: every finding of a checkpoint
 * rule is worded from its figures (sentenceOf), the same words on read as the rules would have written.
 */
export function cardsRaised(profile: Profile, departmentCode: string, fiscalYear: number, checkpoint: { date: string; label: string }, raisedOn: string, cards: readonly RaisedCard[]): AlertsRaisedData {
  const packer = new FindingPacker();
  const alerts = cards.map(({ alertId, projectId, name, rules }): BatchedAlert => ({ alertId, projectId, name, findings: rules.map((finding) => packer.pack(finding)) }));
  return {
    profile: profile.name, departmentCode, fiscalYear, checkpoint: checkpoint.date, responsible: departmentCode, raisedOn,
    deadline: deadlineOf(profile, raisedOn), label: checkpoint.label, findingShapes: packer.shapes,
    alerts,
  };
}

/**
 * The individual alerts an event raises: one for `AlertRaised`, every alert of an `AlertsRaised` batch (in order),
 * none for any other event. Every reader of alerts (list, answers, delivery, API) goes through here.
 */
export function raisedAlertsOf(event: { type: string; data: unknown }): AlertRaisedData[] {
  if (event.type === 'AlertRaised') return [withRules(monitoringDataOf(event, 'AlertRaised'))];
  if (event.type !== 'AlertsRaised') return [];
  const { alerts, ...shared } = monitoringDataOf(event, 'AlertsRaised');
  return alerts.map((alert) => {
    const card = cardFieldsOf(alert, shared);
    return {
      alertId: alert.alertId,
      profile: shared.profile,
      departmentCode: shared.departmentCode,
      fiscalYear: shared.fiscalYear,
      rule: card.rule,
      severity: card.severity,
      projectId: alert.projectId,
      checkpoint: shared.checkpoint,
      figures: card.figures,
      get message() { return card.message; },
      rules: card.rules,
      responsible: shared.responsible,
      raisedOn: shared.raisedOn,
      deadline: shared.deadline,
    };
  });
}

/** Upcast: an alert stored before cards is a card of its one rule. */
const withRules = (alert: AlertRaisedData): AlertRaisedData =>
  alert.rules ? alert : { ...alert, rules: [{ rule: alert.rule, severity: alert.severity, figures: alert.figures, message: alert.message }] };

/** 预警更新: a restatement changed what an open card lists (its findings replace the card's). */
export interface AlertUpdatedData {
  alertId: string;
  severity: Severity;
  rule: AlertRuleName;
  figures: Record<string, string | null>;
  message: { zh: string; en: string };
  rules: RuleFinding[];
  /** The CheckpointEvaluated that found it */
  evaluation: number;
}

/** 预警解除: a restatement found the card's subject breaks no rule any more at that checkpoint. */
export interface AlertResolvedData {
  alertId: string;
  evaluation: number;
  at: string;
}

/** Does this event raise any alert? */
export const raisesAlerts = (type: string): boolean => type === 'AlertRaised' || type === 'AlertsRaised';
