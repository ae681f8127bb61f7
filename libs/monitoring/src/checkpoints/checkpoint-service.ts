import { Money, monitoringStream, projectStream, todayInChina } from '@bem/domain';
import { DuplicateEventId, type EventStore, type NewEvent, type RecordedEvent, WrongExpectedRevision } from '@bem/event-store';
import { alertRaised } from '../alerts/alert-events';
import { runRules } from '../alerts/alert-rules';
import type { ProjectFacts } from '../alerts/project-snapshot';
import { ruleContext } from '../alerts/rule-context';
import type { ProgressProjection } from '../progress/progress-projection';
import { type CheckpointLines, checkpointsOf } from '../profiles/checkpoint-lines';
import { loadProfile } from '../profiles/profile-loader';
import type { Profile } from '../profiles/profile-schema';
import { type CheckpointEvaluatedData, checkpointEventId, latestEvaluations, sameFigures } from './checkpoint-events';
import { evaluateFigures } from './checkpoint-score';
import { type CheckpointReport, reportOf } from './checkpoint-report';

export interface EvaluateOptions {
  /** Compute and print, append nothing */
  dryRun?: boolean;
  /** The evaluation instant (default now); checkpoints dated before its China date are due */
  now?: Date;
  actor?: string;
}

const MAX_ATTEMPTS = 10;

/** Evaluates a profile's due checkpoints for a department and appends CheckpointEvaluated + AlertRaised (idempotently). */
export class CheckpointService {
  constructor(
    private readonly store: EventStore,
    private readonly progress: ProgressProjection,
    private readonly profiles: (name?: string) => Profile = loadProfile,
  ) {}

  async evaluate(departmentCode: string, fiscalYear: number, profileName?: string, options: EvaluateOptions = {}): Promise<CheckpointReport> {
    const profile = this.profiles(profileName);
    const now = options.now ?? new Date();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(departmentCode, fiscalYear, profile, now, options);
      } catch (error) {
        const conflict = error instanceof WrongExpectedRevision || error instanceof DuplicateEventId;
        if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async attempt(code: string, year: number, profile: Profile, now: Date, options: EvaluateOptions): Promise<CheckpointReport> {
    const stream = monitoringStream(code, year);
    const stored = await this.store.readStream(stream);
    const revision = stored.length ? stored[stored.length - 1].revision : -1;
    const today = todayInChina(now);
    const due = checkpointsOf(profile, year).filter((lines) => lines.date < today);
    const latest = latestEvaluations(stored, profile.name);
    const knownIds = new Set(stored.map((event) => event.id));
    const fresh: NewEvent[] = [];
    const computed: CheckpointEvaluatedData[] = [];
    let facts: ProjectFacts[] | null = null;
    for (const lines of due) {
      const current = await this.compute(code, year, profile, lines, now.toISOString());
      const before = latest.get(lines.date);
      if (before && sameFigures(before.data, current)) continue;
      const data: CheckpointEvaluatedData = {
        ...current,
        evaluation: before ? before.data.evaluation + 1 : 0,
        restates: before ? { eventId: before.id, knownAt: before.data.knownAt } : null,
      };
      computed.push(data);
      fresh.push({ id: checkpointEventId(profile.name, code, year, lines.date, data.evaluation), type: 'CheckpointEvaluated', data, metadata: { actor: options.actor ?? 'system', source: 'checkpoints' } });
      facts ??= await this.projectFacts(code, year);
      for (const draft of runRules(ruleContext(profile, code, year, lines, facts))) {
        const alert = alertRaised(profile, code, year, draft, today);
        if (knownIds.has(alert.alertId)) continue;
        knownIds.add(alert.alertId);
        fresh.push({ id: alert.alertId, type: 'AlertRaised', data: alert, metadata: { actor: options.actor ?? 'system', source: 'checkpoints' } });
      }
    }
    if (!options.dryRun && fresh.length) {
      await this.store.append(stream, fresh, { expectedRevision: revision === -1 ? 'no_stream' : revision });
    }
    const all = options.dryRun ? [...stored, ...fresh.map((event) => ({ ...event, recordedAt: now.toISOString() }) as RecordedEvent)] : await this.store.readStream(stream);
    const appended = { checkpoints: computed.length, alerts: fresh.length - computed.length };
    return reportOf(profile, code, year, all, checkpointsOf(profile, year), { appended, dryRun: Boolean(options.dryRun) });
  }

  /** Department and project figures at the checkpoint: progress as of that date (budget as of that date). */
  private async compute(code: string, year: number, profile: Profile, lines: CheckpointLines, knownAt: string) {
    const progress = await this.progress.department(code, year, { asOf: lines.date });
    const money = (figures: { budgetCurrent: string; paid: string }) => evaluateFigures(new Money(figures.budgetCurrent), new Money(figures.paid), lines);
    return {
      profile: profile.name, departmentCode: code, fiscalYear: year, date: lines.date, label: lines.label, knownAt,
      department: money(progress),
      projects: progress.projects.map((project) => ({ projectId: project.projectId, name: project.name, ...money(project) })),
    };
  }

  /** Every project's events (read from its stream), for the alert rules. */
  async projectFacts(code: string, year: number): Promise<ProjectFacts[]> {
    const progress = await this.progress.department(code, year, { asOf: `${year}-12-31` });
    return Promise.all(
      progress.projects.map(async (project) => ({ projectId: project.projectId, name: project.name, events: await this.store.readStream(projectStream(project.projectId)) })),
    );
  }
}
