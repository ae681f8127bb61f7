import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import { type Principal, may, roleAllows } from '@bem/auth';
import { Money, availableBudgetOf, fenOf, projectStream, unknownProject } from '@bem/domain';
import { ALERT_RULE_LABELS, profileAssignment, DEFAULT_PROFILE, type Profile, asPercent, availableProfiles, checkpointsOf, elapsedShare, evaluateFigures, loadProfile } from '@bem/monitoring';
import { availableScoringProfiles, loadScoringProfile } from '@bem/evaluation';
import { defaultAsOf, fundSourceRows, readProjectLedgers } from '@bem/read-models';
import type { AvailableBudget, Me, ProfileAssignmentView, ProfileList } from '@bem/contracts';
import type { ApiRuntime } from '../api-runtime';
import { requireDepartment, requireProjectRead } from '../auth/access';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { HttpRequest } from '../http/http-types';
import { validate } from '../http/validate';
import { API_RUNTIME } from '../tokens';
import { AssignmentQuery, DepartmentCurveQuery, DepartmentsQuery, ProjectCurveQuery, SourcesQuery } from './web-schemas';

const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * Read routes the dashboard needs beside the contract ones: who am I, the departments of my scope ranked by
 * progress, the monthly curve (one pass over the year's facts), the profiles and the fund-source breakdown.
 */
@Controller('api/v1')
export class WebSupportController {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  /** `GET /api/v1/me`: the token's role, departments and what it may do. */
  @Get('me')
  async me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    const years = [...new Set((await this.runtime.progress.departmentYears()).filter((row) => may(principal, 'read', row.departmentCode)).map((row) => row.fiscalYear))].sort((a, b) => b - a);
    const thisYear = Number(new Date().toISOString().slice(0, 4));
    return {
      role: principal.role,
      departments: principal.departments,
      label: principal.label,
      may: { read: true, write: roleAllows(principal.role, 'write'), handleAlerts: roleAllows(principal.role, 'handle-alerts') },
      /** Fiscal years with projects in the token's scope, newest first, and the one the dashboard opens */
      years,
      defaultYear: years.find((y) => y <= thisYear) ?? years[0] ?? thisYear,
    };
  }

  /** `GET /api/v1/profiles`: the checkpoint / alert profiles (监控方案) and the scoring profiles (评价方案) that can be chosen. */
  @Get('profiles')
  profiles(): ProfileList {
    return {
      default: DEFAULT_PROFILE,
      profiles: availableProfiles().map((name) => {
        const profile = loadProfile(name);
        return { name, title: profile.title, checkpoints: profile.checkpoints.map((c) => c.monthDay) };
      }),
      evaluationProfiles: availableScoringProfiles().map((name) => ({ name, title: loadScoringProfile(name).title })),
      ruleLabels: ALERT_RULE_LABELS,
    };
  }

  /** `GET /api/v1/departments/:code/profiles?year`: the 监控方案 / 评价方案 the department-year is under (AssignProfile, else the office default). */
  @Get('departments/:code/profiles')
  async assignment(@Param('code') code: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal): Promise<ProfileAssignmentView> {
    requireDepartment(principal, 'read', code);
    const { year } = validate(AssignmentQuery, request.query);
    const assignment = await profileAssignment(this.runtime.store, code, year);
    return {
      departmentCode: code,
      fiscalYear: year,
      assigned: assignment.assigned,
      monitoring: { name: assignment.monitoring, title: loadProfile(assignment.monitoring).title },
      evaluation: { name: assignment.evaluation, title: loadScoringProfile(assignment.evaluation).title },
    };
  }

  /** `GET /api/v1/departments?year&asOf&knownAt&profile`: the departments of the token's scope with their progress. */
  @Get('departments')
  async departments(@Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    const query = validate(DepartmentsQuery, request.query);
    const visible = (await this.runtime.progress.departments()).filter((d) => may(principal, 'read', d.code));
    const codes = new Set(visible.map((d) => d.code));
    const counts = (await this.runtime.progress.departmentYears()).filter((row) => codes.has(row.departmentCode));
    const years = [...new Set(counts.map((row) => row.fiscalYear))].sort((a, b) => b - a);
    const thisYear = Number(new Date().toISOString().slice(0, 4));
    const year = query.year ?? years.find((y) => y <= thisYear) ?? years[0] ?? thisYear;
    const profile = loadProfile(query.profile);
    const asOf = query.asOf ?? defaultAsOf(year);
    const rows = [];
    for (const department of visible) {
      // Each department's last checkpoint under its own 监控方案 (AssignProfile), unless the view names one
      const own = query.profile ? profile : await this.profileFor(department.code, year, undefined);
      const lastCheckpoint = checkpointsOf(own, year).filter((lines) => lines.date <= asOf).pop();
      const projects = counts.find((row) => row.departmentCode === department.code && row.fiscalYear === year)?.projects ?? 0;
      const view = { asOf, knownAt: query.knownAt };
      const progress = await this.runtime.progress.department(department.code, year, view);
      let checkpoint = null;
      if (lastCheckpoint) {
        const atCheckpoint =
          lastCheckpoint.date === asOf ? progress : await this.runtime.progress.department(department.code, year, { ...view, asOf: lastCheckpoint.date });
        checkpoint = { label: lastCheckpoint.label, ...evaluateFigures(fenOf(atCheckpoint.budgetCurrent), fenOf(atCheckpoint.paid), lastCheckpoint) };
      }
      const { projects: _rows, department: _d, fiscalYear: _y, asOf: _a, knownAt: _k, ...figures } = progress;
      rows.push({ code: department.code, name: department.name, projects, ...figures, checkpoint, profile: { name: own.name, title: own.title } });
    }
    const rate = (row: { executionRate: string | null }) => (row.executionRate === null ? -1 : Number(row.executionRate));
    rows.sort((a, b) => rate(b) - rate(a) || a.code.localeCompare(b.code));
    return {
      year,
      years: years.length ? years : [year],
      asOf,
      knownAt: query.knownAt ?? null,
      profile: { name: profile.name, title: profile.title },
      elapsed: asPercent(elapsedShare(asOf, profile.elapsedMode)),
      departments: rows,
    };
  }

  /** `GET /api/v1/departments/:code/curve?year&asOf&knownAt&profile&perProject`: 12 month-end points with the profile's lines. */
  @Get('departments/:code/curve')
  async departmentCurve(@Param('code') code: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    requireDepartment(principal, 'read', code);
    const query = validate(DepartmentCurveQuery, request.query);
    const curve = await this.runtime.progress.curve(code, query.year, { asOf: query.asOf, knownAt: query.knownAt, perProject: query.perProject === 'true' });
    const profile = await this.profileFor(code, query.year, query.profile);
    return { departmentCode: code, ...curve, ...linesOf(profile, query.year, query.asOf) };
  }

  /** `GET /api/v1/projects/:id/curve?asOf&knownAt&profile`: the same for one project. */
  @Get('projects/:id/curve')
  async projectCurve(@Param('id') projectId: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    const query = validate(ProjectCurveQuery, request.query);
    const progress = await this.projectReadable(principal, projectId);
    const code = progress.department.code;
    const curve = await this.runtime.progress.curve(code, progress.fiscalYear, { asOf: query.asOf, knownAt: query.knownAt, projectId });
    const profile = await this.profileFor(code, progress.fiscalYear, query.profile);
    return { departmentCode: code, projectId, ...curve, ...linesOf(profile, progress.fiscalYear, query.asOf) };
  }

  /**
   * `GET /api/v1/projects/:id/available`: what a payment may take now, as the payment decision computes it
   * (budget − paid − allocated − carried − cancelled, over everything recorded), so a form never re-derives it.
   */
  @Get('projects/:id/available')
  async available(@Param('id') projectId: string, @CurrentPrincipal() principal: Principal): Promise<AvailableBudget> {
    await this.projectReadable(principal, projectId);
    const state = await this.runtime.handler.stateOf(projectStream(projectId));
    if (!('paid' in state)) throw unknownProject(projectId, 'id');
    return { projectId, ...availableBudgetOf(state) };
  }

  /**
   * `GET /api/v1/departments/:code/sources?year&asOf&knownAt`: 资金来源 breakdown (issued, arrived, paid by fund
   * source), read from the projects' streams. Adjustments carry no source: they are their own row.
   */
  @Get('departments/:code/sources')
  async sources(@Param('code') code: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    requireDepartment(principal, 'read', code);
    const query = validate(SourcesQuery, request.query);
    const asOf = query.asOf ?? defaultAsOf(query.year);
    const knownAt = query.knownAt ?? null;
    const progress = await this.runtime.progress.department(code, query.year, { asOf, knownAt: query.knownAt });
    const ledgers = await readProjectLedgers(this.runtime.store, progress.projects.map((project) => project.projectId), { asOf, knownAt });
    return { departmentCode: code, fiscalYear: query.year, asOf, knownAt, sources: fundSourceRows(ledgers.values()) };
  }

  private async projectReadable(principal: Principal, projectId: string) {
    await requireProjectRead(principal, projectId, (id) => this.runtime.departmentOfProject(id));
    return this.runtime.progress.project(projectId);
  }

  /** The named profile, else the one the department-year is assigned (AssignProfile, else the office default). */
  private async profileFor(code: string, year: number, name: string | undefined): Promise<Profile> {
    if (name) return loadProfile(name);
    return loadProfile((await profileAssignment(this.runtime.store, code, year)).monitoring);
  }
}

/** 序时进度 at every month end and the profile's checkpoint lines (percent strings). */
function linesOf(profile: Profile, year: number, asOf: string | undefined) {
  return {
    /** 序时进度 at the view's date, as the checkpoints compute it */
    elapsedAsOf: asPercent(elapsedShare(asOf ?? defaultAsOf(year), profile.elapsedMode)),
    profile: { name: profile.name, title: profile.title, elapsedMode: profile.elapsedMode },
    elapsed: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, date: monthEnd(year, i + 1), percent: asPercent(elapsedShare(monthEnd(year, i + 1), profile.elapsedMode)) })),
    checkpoints: checkpointsOf(profile, year).map((lines) => ({
      date: lines.date,
      label: lines.label,
      target: asPercent(lines.target),
      alertLine: asPercent(lines.alertLine),
      weight: lines.weight.toFixed(2),
    })),
  };
}
