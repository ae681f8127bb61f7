import { CommandHandler } from '@bem/commands';
import { isRecordedBy, monitoringStream, todayInChina } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import { readProjectEvents } from '../alerts/project-events';
import type { ProjectFacts } from '../alerts/project-snapshot';
import type { RuleContext } from '../alerts/rule-context';
import { contextsFromReadModel } from './checkpoint-contexts';
import type { ProgressProjection } from '@bem/read-models';
import { type CheckpointLines, checkpointsOf } from '../profiles/checkpoint-lines';
import { loadProfile, officeProfile } from '../profiles/profile-loader';
import { profileAssignment } from '../profiles/profile-assignment';
import type { Profile } from '../profiles/profile-schema';
import { type EvaluateCheckpoints, monitoringDecider } from '../monitoring-decider';
import { type CheckpointReport, reportOf } from './checkpoint-report';
import { z } from 'zod';

/**
 * How many alerts a batch just decided holds. The decided events are this evaluation's own (not read from the
 * store): their length is checked, not every card parsed again (a full parse of the 1,000 cards cost as much as the append).
 */
const DecidedBatch = z.object({ alerts: z.array(z.unknown()) });

export interface EvaluateOptions {
  /** Compute and print, append nothing */
  dryRun?: boolean;
  /** The evaluation instant (default now); checkpoints dated before its China date are due */
  now?: Date;
  actor?: string;
}

/**
 * Evaluates a profile's due checkpoints for a department and appends CheckpointEvaluated + one AlertsRaised batch per
 * checkpoint (idempotently): the monitoring decider decides, the generic command handler appends (and retries a lost race).
 */
export class CheckpointService {
  private readonly handler: CommandHandler;

  constructor(
    private readonly store: EventStore,
    private readonly progress: ProgressProjection,
    private readonly profiles: (name?: string) => Profile = loadProfile,
    /** The profile of a department-year nobody assigned one (default: the first of BEM_PROFILES) */
    private readonly officeDefault: () => string = () => officeProfile().name,
  ) {
    this.handler = new CommandHandler(store);
  }

  /**
   * Evaluates under the department-year's assigned profile (AssignProfile, else the office default). Under any
   * other profile it only previews: computes and reports, appends nothing, and says so (`report.preview`).
   */
  async evaluate(departmentCode: string, fiscalYear: number, profileName?: string, options: EvaluateOptions = {}): Promise<CheckpointReport> {
    const assigned = (await profileAssignment(this.store, departmentCode, fiscalYear, this.officeDefault())).monitoring;
    const profile = this.profiles(profileName ?? assigned);
    const now = options.now ?? new Date();
    const today = todayInChina(now);
    const due = checkpointsOf(profile, fiscalYear).filter((lines) => lines.date < today);
    const dryRun = Boolean(options.dryRun) || profile.name !== assigned;
    const outcome = await this.handler.handleWith(monitoringDecider, {
      stream: monitoringStream(departmentCode, fiscalYear),
      // Every project folded once, into its snapshots at every due date (not once per checkpoint); again on a retry
      command: async (): Promise<EvaluateCheckpoints> => ({
        kind: 'EvaluateCheckpoints', profile, departmentCode, fiscalYear, now: now.toISOString(), today, due,
        contexts: due.length ? await this.contexts(departmentCode, fiscalYear, profile, due) : [],
      }),
      metadata: { actor: options.actor ?? 'system', source: 'checkpoints' },
      dryRun,
    });
    // The report from what was read and what was just decided: no second read of the stream
    const decided = outcome.decision.events;
    const all = [...outcome.state.events, ...decided.map((event) => ({ ...event, recordedAt: now.toISOString() }))];
    const appended = {
      checkpoints: decided.filter((event) => event.type === 'CheckpointEvaluated').length,
      alerts: decided.reduce((sum, event) => sum + (event.type === 'AlertsRaised' ? DecidedBatch.parse(event.data).alerts.length : 0), 0),
    };
    return reportOf(profile, departmentCode, fiscalYear, all, checkpointsOf(profile, fiscalYear), { appended, dryRun, assignedProfile: assigned });
  }

  /**
   * The checkpoints as they were recorded: only those dated ≤ `asOf`, as evaluated by `knownAt` (the stored
   * CheckpointEvaluated events recorded by then; a checkpoint not yet evaluated then is listed as upcoming).
   */
  async recorded(departmentCode: string, fiscalYear: number, profileName: string | undefined, view: { asOf?: string; knownAt?: string }): Promise<CheckpointReport> {
    const assigned = (await profileAssignment(this.store, departmentCode, fiscalYear, this.officeDefault())).monitoring;
    const profile = this.profiles(profileName ?? assigned);
    const events = (await this.store.readStream(monitoringStream(departmentCode, fiscalYear))).filter((event) => isRecordedBy(event, view.knownAt));
    const lines = checkpointsOf(profile, fiscalYear).filter((line) => !view.asOf || line.date <= view.asOf);
    const report = reportOf(profile, departmentCode, fiscalYear, events, lines, { appended: { checkpoints: 0, alerts: 0 }, dryRun: true, assignedProfile: assigned });
    // Read now: a stored event that does not parse is refused here, not while the answer is being serialised
    void report.checkpoints;
    return report;
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
