import { monitoringStream, todayInChina } from '@bem/domain';
import { DuplicateEventId, type EventStore, type NewEvent, WrongExpectedRevision } from '@bem/event-store';
import type { ProgressProjection } from '@bem/read-models';
import { cardsOf } from '../alerts/alert-cards';
import { type AlertRaisedData, type AlertResolvedData, alertRaised, monitoringId } from '../alerts/alert-events';
import { alertListOf } from '../alerts/alert-list';
import { ALERT_RULES } from '../alerts/alert-rules';
import type { AlertDraft } from '../alerts/rule-context';
import { contextsFromReadModel } from '../checkpoints/checkpoint-contexts';
import { type CheckpointLines, elapsedFraction, linesOf } from '../profiles/checkpoint-lines';
import { profileAssignment } from '../profiles/profile-assignment';
import { loadProfile, officeProfile } from '../profiles/profile-loader';
import type { AlertRuleName, Profile } from '../profiles/profile-schema';

/** The rules a daily scan runs (资金闲置, 到位滞后): those that can fire on any day, not only at a checkpoint. */
export const DAILY_SCAN_RULES = ['idleFunds', 'lowArrival'] as const satisfies readonly AlertRuleName[];
const SCAN_RULES = new Set<string>(DAILY_SCAN_RULES);
const MAX_ATTEMPTS = 10;

export interface DailyScanResult {
  departmentCode: string;
  fiscalYear: number;
  profile: string;
  /** The business day scanned (the day that just ended, China time) */
  day: string;
  raised: number;
  resolved: number;
}

/** The day's lines: the rules read only the date (and 序时进度), never a checkpoint's target or weight. */
const dayLines = (day: string, profile: Profile): CheckpointLines => {
  const elapsed = elapsedFraction(day, profile.elapsedMode);
  return linesOf(day, `${day} 日常监控`, { target: elapsed, alertLine: elapsed, weight: { num: 0n, den: 1n } });
};

/**
 * Daily scan of a department-year under its assigned profile: the profile's idle-funds and arrival rules on the
 * day that just ended, from the packed progress read model. One card per project while it breaks them: raised
 * once (its id and message name the day it was found), never again while it stays open, resolved when the figures recover.
 */
export class DailyScanService {
  constructor(
    private readonly store: EventStore,
    private readonly progress: ProgressProjection,
    private readonly profiles: (name?: string) => Profile = loadProfile,
    private readonly officeDefault: () => string = () => officeProfile().name,
  ) {}

  async scan(code: string, fiscalYear: number, now = new Date()): Promise<DailyScanResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(code, fiscalYear, now);
      } catch (error) {
        const conflict = error instanceof WrongExpectedRevision || error instanceof DuplicateEventId;
        if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async attempt(code: string, fiscalYear: number, now: Date): Promise<DailyScanResult> {
    const profile = this.profiles((await profileAssignment(this.store, code, fiscalYear, this.officeDefault())).monitoring);
    const today = todayInChina(now);
    const day = todayInChina(new Date(now.getTime() - 86_400_000));
    const result: DailyScanResult = { departmentCode: code, fiscalYear, profile: profile.name, day, raised: 0, resolved: 0 };
    const rules = DAILY_SCAN_RULES.filter((name) => profile.alertRules[name].enabled);
    if (rules.length === 0) return result;
    const [context] = contextsFromReadModel(profile, code, fiscalYear, [dayLines(day, profile)], await this.progress.monitoringFacts(code, fiscalYear));
    const found = new Map(cardsOf(rules.flatMap((name) => ALERT_RULES[name](context))).map((card) => [card.projectId, card]));
    const stream = monitoringStream(code, fiscalYear);
    const stored = await this.store.readStream(stream);
    const open = alertListOf(code, fiscalYear, stored, today).alerts.filter(
      (row) => row.checkpoint === null && row.profile === profile.name && SCAN_RULES.has(row.rule) && row.status !== 'resolved' && row.status !== 'disposed',
    );
    const openProjects = new Set(open.map((row) => row.projectId));
    const metadata = { actor: 'worker', source: 'daily-scan' };
    const fresh: NewEvent[] = [];
    for (const [projectId, card] of found) {
      if (openProjects.has(projectId)) continue;
      const data = scanCard(profile, code, fiscalYear, card, day, today);
      fresh.push({ id: data.alertId, type: 'AlertRaised', data, metadata });
      result.raised += 1;
    }
    for (const row of open) {
      if (found.has(row.projectId)) continue;
      const data: AlertResolvedData = { alertId: row.id, evaluation: 0, at: now.toISOString() };
      fresh.push({ id: monitoringId(`scan-resolved/${row.id}/${day}`), type: 'AlertResolved', data, metadata });
      result.resolved += 1;
    }
    if (fresh.length) {
      const revision = stored.length ? stored[stored.length - 1].revision : -1;
      await this.store.append(stream, fresh, { expectedRevision: revision === -1 ? 'no_stream' : revision });
    }
    return result;
  }
}

/** A scan's card: the checkpoint card's findings, its id and sentence naming the day scanned (no checkpoint: it belongs to none). */
function scanCard(profile: Profile, code: string, fiscalYear: number, card: AlertDraft, day: string, today: string): AlertRaisedData {
  const raised = alertRaised(profile, code, fiscalYear, card, today);
  return {
    ...raised,
    alertId: monitoringId(`scan/${profile.name}/${code}/${fiscalYear}/${card.projectId ?? '*'}/${day}`),
    checkpoint: null,
    figures: { ...raised.figures, scannedOn: day },
    message: { zh: `${day} 日常监控：${raised.message.zh}`, en: `daily scan ${day}: ${raised.message.en}` },
  };
}
