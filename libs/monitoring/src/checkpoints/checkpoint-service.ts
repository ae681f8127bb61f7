import { monitoringStream, todayInChina } from '@bem/domain';
import { DuplicateEventId, type EventStore, type NewEvent, type RecordedEvent, type StreamWrite, WrongExpectedRevision } from '@bem/event-store';
import { cardsOf, sameFindings } from '../alerts/alert-cards';
import { type AlertRaisedData, type AlertResolvedData, type AlertUpdatedData, type AlertsRaisedData, alertRaised, alertsRaised, alertsRaisedEventId, monitoringId, raisedAlertsOf } from '../alerts/alert-events';
import { type AlertRow, alertListOf } from '../alerts/alert-list';
import { alertIndexWrites } from '../alerts/alert-index';
import { readProjectEvents } from '../alerts/project-events';
import { runRules } from '../alerts/alert-rules';
import type { ProjectFacts } from '../alerts/project-snapshot';
import type { RuleContext } from '../alerts/rule-context';
import { contextsFromReadModel } from './checkpoint-contexts';
import type { ProgressProjection } from '@bem/read-models';
import { type CheckpointLines, checkpointsOf } from '../profiles/checkpoint-lines';
import { loadProfile, officeProfile } from '../profiles/profile-loader';
import { profileAssignment } from '../profiles/profile-assignment';
import type { Profile } from '../profiles/profile-schema';
import { type CheckpointEvaluatedData, checkpointEventId, latestEvaluations, sameFigures } from './checkpoint-events';
import { type CheckpointReport, reportOf } from './checkpoint-report';

export interface EvaluateOptions {
  /** Compute and print, append nothing */
  dryRun?: boolean;
  /** The evaluation instant (default now); checkpoints dated before its China date are due */
  now?: Date;
  actor?: string;
}

const MAX_ATTEMPTS = 10;

/** Evaluates a profile's due checkpoints for a department and appends CheckpointEvaluated + one AlertsRaised batch per checkpoint (idempotently). */
export class CheckpointService {
  constructor(
    private readonly store: EventStore,
    private readonly progress: ProgressProjection,
    private readonly profiles: (name?: string) => Profile = loadProfile,
    /** The profile of a department-year nobody assigned one (default: the first of BEM_PROFILES) */
    private readonly officeDefault: () => string = () => officeProfile().name,
  ) {}

  /**
   * Evaluates under the department-year's assigned profile (AssignProfile, else the office default). Under any
   * other profile it only previews: computes and reports, appends nothing, and says so (`report.preview`).
   */
  async evaluate(departmentCode: string, fiscalYear: number, profileName?: string, options: EvaluateOptions = {}): Promise<CheckpointReport> {
    const assigned = (await profileAssignment(this.store, departmentCode, fiscalYear, this.officeDefault())).monitoring;
    const profile = this.profiles(profileName ?? assigned);
    const now = options.now ?? new Date();
    const effective = { ...options, dryRun: Boolean(options.dryRun) || profile.name !== assigned, assignedProfile: assigned };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(departmentCode, fiscalYear, profile, now, effective);
      } catch (error) {
        const conflict = error instanceof WrongExpectedRevision || error instanceof DuplicateEventId;
        if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The checkpoints as they were recorded: only those dated ≤ `asOf`, as evaluated by `knownAt` (the stored
   * CheckpointEvaluated events recorded by then; a checkpoint not yet evaluated then is listed as upcoming).
   */
  async recorded(departmentCode: string, fiscalYear: number, profileName: string | undefined, view: { asOf?: string; knownAt?: string }): Promise<CheckpointReport> {
    const assigned = (await profileAssignment(this.store, departmentCode, fiscalYear, this.officeDefault())).monitoring;
    const profile = this.profiles(profileName ?? assigned);
    const knownAt = view.knownAt ? Date.parse(view.knownAt) : Infinity;
    const events = (await this.store.readStream(monitoringStream(departmentCode, fiscalYear))).filter((event) => Date.parse(event.recordedAt) <= knownAt);
    const lines = checkpointsOf(profile, fiscalYear).filter((line) => !view.asOf || line.date <= view.asOf);
    return reportOf(profile, departmentCode, fiscalYear, events, lines, { appended: { checkpoints: 0, alerts: 0 }, dryRun: true, assignedProfile: assigned });
  }

  private async attempt(code: string, year: number, profile: Profile, now: Date, options: EvaluateOptions & { assignedProfile: string }): Promise<CheckpointReport> {
    const stream = monitoringStream(code, year);
    const stored = await this.store.readStream(stream);
    const revision = stored.length ? stored[stored.length - 1].revision : -1;
    const today = todayInChina(now);
    const due = checkpointsOf(profile, year).filter((lines) => lines.date < today);
    const latest = latestEvaluations(stored, profile.name);
    const knownIds = new Set(stored.flatMap((event) => [event.id, ...raisedAlertsOf(event).map((alert) => alert.alertId)]));
    const metadata = { actor: options.actor ?? 'system', source: 'checkpoints' };
    const openCards = openCardsByCheckpoint(stored, code, year, profile.name, today);
    const fresh: NewEvent[] = [];
    const index: StreamWrite[] = [];
    const computed: CheckpointEvaluatedData[] = [];
    let alerts = 0;
    // Every project folded once, into its snapshots at every due date (not once per checkpoint)
    const contexts = due.length ? await this.contexts(code, year, profile, due) : [];
    for (const [i, lines] of due.entries()) {
      const context = contexts[i];
      const current = {
        profile: profile.name, departmentCode: code, fiscalYear: year, date: lines.date, label: lines.label, knownAt: now.toISOString(),
        department: context.department.figures,
        projects: context.projects.map((subject) => ({ projectId: subject.projectId as string, name: subject.name, ...subject.figures })),
      };
      const before = latest.get(lines.date);
      if (before && sameFigures(before.data, current)) continue;
      const data: CheckpointEvaluatedData = {
        ...current,
        evaluation: before ? before.data.evaluation + 1 : 0,
        restates: before ? { eventId: before.id, knownAt: before.data.knownAt } : null,
      };
      computed.push(data);
      fresh.push({ id: checkpointEventId(profile.name, code, year, lines.date, data.evaluation), type: 'CheckpointEvaluated', data, metadata });
      const raised: AlertRaisedData[] = [];
      const cards = cardsOf(runRules(context)).map((draft) => alertRaised(profile, code, year, draft, today));
      const open = openCards.get(lines.date) ?? new Map<string, AlertRow>();
      for (const alert of cards) {
        const existing = open.get(alert.alertId);
        open.delete(alert.alertId);
        // An open card is updated when a restatement changed what it lists, never raised twice
        if (existing) {
          if (!sameFindings(existing.rules, alert.rules ?? [])) fresh.push(alertUpdated(alert, data.evaluation, metadata));
          continue;
        }
        if (knownIds.has(alert.alertId)) continue;
        knownIds.add(alert.alertId);
        raised.push(alert);
      }
      // Cards of this checkpoint whose subject breaks no rule any more: resolved (they stay on record)
      if (before) for (const alertId of open.keys()) fresh.push(alertResolved(alertId, data.evaluation, now, metadata));
      if (raised.length === 0) continue;
      // One AlertsRaised per checkpoint evaluation (not one event per alert), indexed by alert id in the same write
      const batchId = alertsRaisedEventId(profile.name, code, year, lines.date, data.evaluation);
      fresh.push({ id: batchId, type: 'AlertsRaised', data: alertsRaised(raised), metadata });
      index.push(...alertIndexWrites(batchId, stream, raised.map((alert) => alert.alertId)));
      alerts += raised.length;
    }
    if (!options.dryRun) {
      // Stores that write several streams one after the other (KurrentDB) may have kept a batch without its index
      // entries: the next evaluation completes them.
      const missing = await this.missingIndex(stream, stored);
      const writes = fresh.length ? [{ stream, events: fresh, expectedRevision: revision === -1 ? ('no_stream' as const) : revision }, ...index] : [];
      if (writes.length + missing.length) await this.store.appendMany([...writes, ...missing]);
    }
    // The report from what was read and what was just appended: no second read of the stream
    const all = [...stored, ...fresh.map((event) => ({ ...event, recordedAt: now.toISOString() }) as RecordedEvent)];
    const appended = { checkpoints: computed.length, alerts };
    return reportOf(profile, code, year, all, checkpointsOf(profile, year), { appended, dryRun: Boolean(options.dryRun), assignedProfile: options.assignedProfile });
  }

  /** Index entries of stored AlertsRaised batches that are not stored themselves (none, unless a write was cut short). */
  private async missingIndex(stream: string, stored: readonly RecordedEvent[]): Promise<StreamWrite[]> {
    const writes = stored
      .filter((event) => event.type === 'AlertsRaised')
      .flatMap((event) => alertIndexWrites(event.id, stream, (event.data as AlertsRaisedData).alerts.map((alert) => alert.alertId)));
    if (writes.length === 0) return [];
    const found = await this.store.findEvents(writes.map((write) => write.events[0].id));
    return writes.filter((write) => !found.has(write.events[0].id));
  }

  /**
   * The rule context (figures and snapshots of the department and each project) at each due checkpoint, as of
   * its date: computed from the packed progress read model, one read for the whole department (no project stream).
   */
  private async contexts(code: string, year: number, profile: Profile, due: readonly CheckpointLines[]): Promise<RuleContext[]> {
    return contextsFromReadModel(profile, code, year, due, await this.progress.monitoringFacts(code, year));
  }

  /** Every project's fact events (read from its stream, all projects of the department at once), for backtests. */
  async projectFacts(code: string, year: number): Promise<ProjectFacts[]> {
    const projects = await this.progress.projects(code, year);
    const events = await readProjectEvents(this.store, projects.map((project) => project.projectId));
    return projects.map((project) => ({ projectId: project.projectId, name: project.name, events: events.get(project.projectId) ?? [] }));
  }
}

/** The cards of a profile still open (neither disposed nor resolved), by checkpoint date. */
function openCardsByCheckpoint(stored: readonly RecordedEvent[], code: string, year: number, profile: string, today: string): Map<string, Map<string, AlertRow>> {
  const result = new Map<string, Map<string, AlertRow>>();
  for (const row of alertListOf(code, year, stored, today).alerts) {
    if (row.profile !== profile || row.checkpoint === null || row.status === 'disposed' || row.status === 'resolved') continue;
    let cards = result.get(row.checkpoint);
    if (!cards) result.set(row.checkpoint, (cards = new Map()));
    cards.set(row.id, row);
  }
  return result;
}

const alertUpdated = (alert: AlertRaisedData, evaluation: number, metadata: Record<string, string>): NewEvent => ({
  id: monitoringId(`alert-updated/${alert.alertId}/${evaluation}`),
  type: 'AlertUpdated',
  data: { alertId: alert.alertId, severity: alert.severity, rule: alert.rule, figures: alert.figures, message: alert.message, rules: alert.rules ?? [], evaluation } satisfies AlertUpdatedData,
  metadata,
});

const alertResolved = (alertId: string, evaluation: number, now: Date, metadata: Record<string, string>): NewEvent => ({
  id: monitoringId(`alert-resolved/${alertId}/${evaluation}`),
  type: 'AlertResolved',
  data: { alertId, evaluation, at: now.toISOString() } satisfies AlertResolvedData,
  metadata,
});
