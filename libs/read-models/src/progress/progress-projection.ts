import { lastDayOfYear, todayInChina, unknownDepartment, unknownProject } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import {
  type DepartmentProgress,
  type ProgressFigures,
  type ProgressView,
  computeDepartmentProgress,
} from './compute-progress';
import { type DepartmentInfo, PROGRESS_EVENT_TYPES, type ProgressFact, type ProjectInfo } from './progress-facts';
import { type MonthlyCurve, monthlyCurve } from './monthly-curve';
import { catchUpInParallel } from './parallel-catch-up';
import type { ProjectMonitoringFacts } from './monitoring-facts';
import { DayTotals } from './packed-facts';
import type { DepartmentYear, ProgressReadModel } from './progress-read-model';

export interface ViewRequest {
  asOf?: string;
  knownAt?: string;
}

export interface SingleProjectProgress extends ProgressView, ProgressFigures {
  department: DepartmentInfo;
  fiscalYear: number;
  projectId: string;
  name: string;
  kind: ProjectInfo['kind'];
}

const CATCH_UP_BATCH = 10_000;
/** Events gathered before one write: bounds the memory of a catch-up (≈ 60 bytes per money fact). */
const COMMIT_EVENTS = 2_000_000;

/** Default business date: the fiscal year's last day, or today if that is earlier. */
export function defaultAsOf(fiscalYear: number, today: string = todayInChina()): string {
  const last = lastDayOfYear(fiscalYear);
  return today < last ? today : last;
}

/** Execution progress (执行进度) read from the stored log, as of any date and as known at any instant. */
export class ProgressProjection {
  constructor(
    private readonly store: EventStore,
    private readonly model: ProgressReadModel,
  ) {}

  /**
   * Applies every event stored after the model's checkpoint; returns how many were read. Pages are gathered into
   * one batch (up to COMMIT_EVENTS) and written at once; when another process moved the checkpoint meanwhile the
   * batch is dropped and read again from there.
   */
  async catchUp(onProgress?: (position: number) => void): Promise<number> {
    let read = await catchUpInParallel(this.store, this.model, onProgress);
    for (;;) {
      // Read before the events: everything up to it is committed, so past the last event of interest the
      // checkpoint can move there (the next catch-up does not scan alerts and checkpoints again).
      const head = await this.store.headPosition();
      const batch = this.model.begin();
      let from = this.model.position();
      let complete = false;
      while (batch.events < COMMIT_EVENTS) {
        const events = await this.store.readAll({ fromPosition: from, limit: CATCH_UP_BATCH, types: PROGRESS_EVENT_TYPES });
        if (events.length === 0) {
          complete = true;
          break;
        }
        batch.add(events);
        from = events[events.length - 1].position;
        onProgress?.(from);
      }
      if (complete) batch.skipTo(head);
      if (!batch.commit()) continue; // another process moved the checkpoint meanwhile: read again from there
      read += batch.events;
      if (complete) return read;
    }
  }

  /** Rebuilds the read model from the first event. */
  async rebuild(onProgress?: (position: number) => void): Promise<number> {
    this.model.reset();
    return this.catchUp(onProgress);
  }

  async department(code: string, fiscalYear: number, request: ViewRequest = {}): Promise<DepartmentProgress> {
    await this.catchUp();
    const department = this.model.department(code);
    if (!department) throw unknownDepartment(code);
    const view = toView(fiscalYear, request);
    const projects = this.model
      .projectsOf(code, fiscalYear)
      .filter((project) => view.knownAt === null || project.recordedAt <= view.knownAt);
    return computeDepartmentProgress(department, fiscalYear, projects, this.factsFor(projects, view), view);
  }

  /** Running totals when everything recorded counts; the facts themselves when only what was known at an instant does. */
  private factsFor(projects: readonly ProjectInfo[], view: ProgressView): Iterable<ProgressFact> {
    if (projects.length === 0) return [];
    const ids = projects.map((project) => project.projectId);
    if (view.knownAt === null) return this.model.totalsAsOf(ids, view.asOf);
    const wanted = new Set(ids);
    const { departmentCode, fiscalYear } = projects[0];
    return [...this.model.facts(departmentCode, fiscalYear, view.asOf)].filter((fact) => wanted.has(fact.projectId));
  }

  async project(projectId: string, request: ViewRequest = {}): Promise<SingleProjectProgress> {
    await this.catchUp();
    const project = this.model.project(projectId);
    if (!project) throw unknownProject(projectId);
    const department = this.model.department(project.departmentCode) ?? { code: project.departmentCode, name: '' };
    const view = toView(project.fiscalYear, request);
    const { projects: [row], ...rest } = computeDepartmentProgress(department, project.fiscalYear, [project], this.factsFor([project], view), view);
    const { department: _d, fiscalYear: _y, asOf: _a, knownAt: _k, ...figures } = rest;
    return { ...view, department, fiscalYear: project.fiscalYear, projectId, name: row.name, kind: row.kind, ...figures };
  }

  /**
   * The cumulative curve by month (month-end budgetCurrent / paid / arrived) of a department-year, or of one of
   * its projects: one read of the year's facts, bucketed by month (see monthlyCurve).
   */
  async curve(code: string, fiscalYear: number, request: CurveRequest = {}): Promise<MonthlyCurve> {
    await this.catchUp();
    if (!this.model.department(code)) throw unknownDepartment(code);
    const view = toView(fiscalYear, request);
    let projectIds: Set<string> | null = null;
    if (request.projectId) {
      const project = this.model.project(request.projectId);
      if (!project || project.departmentCode !== code || project.fiscalYear !== fiscalYear) throw unknownProject(request.projectId);
      projectIds = new Set([request.projectId]);
    } else if (view.knownAt !== null) {
      const knownAt = view.knownAt;
      projectIds = new Set(this.model.projectsOf(code, fiscalYear).filter((p) => p.recordedAt <= knownAt).map((p) => p.projectId));
    }
    return monthlyCurve(this.model.facts(code, fiscalYear, view.asOf), {
      fiscalYear,
      asOf: view.asOf,
      knownAt: view.knownAt,
      projectIds,
      perProject: request.perProject,
    });
  }

  /** The projects of a department's fiscal year, in registration order (after catching up). */
  async projects(code: string, fiscalYear: number): Promise<ProjectInfo[]> {
    await this.catchUp();
    if (!this.model.department(code)) throw unknownDepartment(code);
    return this.model.projectsOf(code, fiscalYear);
  }

  /**
   * What the checkpoint rules read of every project of a department's fiscal year (registration order), in one
   * read of the model: day totals of every measure and the notes (indicators, overspent payments). No project stream is read.
   */
  async monitoringFacts(code: string, fiscalYear: number): Promise<ProjectMonitoringFacts[]> {
    const projects = await this.projects(code, fiscalYear);
    const rows = this.model.monitoringFacts(code, fiscalYear);
    return projects.map((project) => {
      const row = rows.get(project.projectId);
      return { projectId: project.projectId, name: project.name, days: row?.days ?? DayTotals.EMPTY, notes: row?.notes ?? [] };
    });
  }

  /** Every department known to the log (after catching up), by code. */
  async departments(): Promise<DepartmentInfo[]> {
    await this.catchUp();
    return this.model.departments();
  }

  /** Which fiscal years each department has projects in. */
  async departmentYears(): Promise<DepartmentYear[]> {
    await this.catchUp();
    return this.model.departmentYears();
  }
}

export interface CurveRequest extends ViewRequest {
  /** One project's curve only */
  projectId?: string;
  /** Also a curve per project */
  perProject?: boolean;
}

function toView(fiscalYear: number, request: ViewRequest): ProgressView {
  return {
    asOf: request.asOf ?? defaultAsOf(fiscalYear),
    knownAt: request.knownAt ? new Date(request.knownAt).toISOString() : null,
  };
}
