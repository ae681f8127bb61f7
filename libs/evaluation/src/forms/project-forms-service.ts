import { DomainError, departmentStream, lastDayOfYear, parseDomainEvents, projectStream } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import { type ProgressProjection } from '@bem/read-models';
import { profileAssignment } from '@bem/monitoring';
import type { EvaluationView } from '../model/known-at';
import { passedDownWhole } from '../model/passed-down';
import { loadScoringProfile } from '../profiles/load-scoring-profile';
import type { ScoringProfile } from '../profiles/scoring-profile';
import { DEFAULT_DISPLAY_UNIT, type DisplayUnit } from '../render/filed-document';
import { renderFiledDocument } from '../render/filed';
import type { RenderFormat, Rendered } from '../render/formats';
import { type MonitoringDocument, monitorProject, periodOf } from './monitoring';
import { monitoringDocument } from './monitoring-form';
import { type ProjectEvaluation, buildProjectEvaluation } from './project-evaluation';
import { projectCompletionDocument } from './project-completion-form';
import { projectEvaluationDocument } from './project-form';
import { readProjectYear } from './project-year';

/** The display unit: `--unit` / `--decimals` when given, else the profile's, else 万元 with 2 decimals. */
export function displayUnitOf(profile: ScoringProfile | null, override: Partial<DisplayUnit> = {}): DisplayUnit {
  const base = profile?.display ?? DEFAULT_DISPLAY_UNIT;
  return { unit: override.unit ?? base.unit, decimals: override.decimals ?? base.decimals };
}

const yearMismatch = (projectId: string, fiscalYear: number, asked: number) =>
  new DomainError('FISCAL_YEAR_MISMATCH', 'year', `项目 ${projectId} 属于 ${fiscalYear} 年度，不是 ${asked} 年度`, `project ${projectId} is of fiscal year ${fiscalYear}, not ${asked}`, { projectId, fiscalYear, asked });

const unknownDepartment = (code: string) =>
  new DomainError('UNKNOWN_DEPARTMENT', 'department', `部门 ${code} 不存在`, `department ${code} does not exist`, { code });

/** The per-project forms: 项目支出绩效自评表 (+ 打分表) and 绩效目标执行监控表. Reads only. */
export class ProjectFormsService {
  constructor(
    private readonly store: EventStore,
    private readonly progress: ProgressProjection,
    private readonly profiles: (name?: string) => ScoringProfile = loadScoringProfile,
  ) {}

  /** Scored under `profileName`, else the department-year's assigned evaluation profile (AssignProfile), else the office default. */
  async evaluateProject(projectId: string, fiscalYear?: number, profileName?: string, view: EvaluationView = {}): Promise<{ evaluation: ProjectEvaluation; profile: ScoringProfile }> {
    const year = await readProjectYear(this.store, projectId, view.asOf, view.knownAt);
    const profile = this.profiles(profileName ?? (await profileAssignment(this.store, year.departmentCode, year.figures.fiscalYear)).evaluation);
    if (fiscalYear !== undefined && year.figures.fiscalYear !== fiscalYear) throw yearMismatch(projectId, year.figures.fiscalYear, fiscalYear);
    return { evaluation: buildProjectEvaluation(year, profile), profile };
  }

  async renderProject(projectId: string, options: { year?: number; profile?: string; format: RenderFormat; display?: Partial<DisplayUnit>; view?: EvaluationView }): Promise<Rendered> {
    const { evaluation, profile } = await this.evaluateProject(projectId, options.year, options.profile, options.view);
    const display = displayUnitOf(profile, options.display);
    if (profile.projectForm === 'completion') return renderFiledDocument(projectCompletionDocument(evaluation, display), options.format, () => evaluation);
    const table = profile.project?.scoringTable;
    const doc = projectEvaluationDocument(evaluation, displayUnitOf(profile, options.display), table && { title: table.title, levelNames: table.levelNames, note: table.note });
    return renderFiledDocument(doc, options.format, () => evaluation);
  }

  /** Every 项目支出 of the department (or one) as of a date. */
  async monitor(code: string, fiscalYear: number, asOf: string, projectId?: string): Promise<MonitoringDocument> {
    const department = parseDomainEvents(await this.store.readStream(departmentStream(code))).find((event) => event.type === 'DepartmentRegistered');
    if (!department) throw unknownDepartment(code);
    const listed = await this.progress.department(code, fiscalYear, { asOf: asOf > lastDayOfYear(fiscalYear) ? lastDayOfYear(fiscalYear) : asOf });
    const wanted = listed.projects.filter((project) => project.kind === 'project' && (!projectId || project.projectId === projectId));
    const streams = await Promise.all(wanted.map((project) => this.store.readStream(projectStream(project.projectId))));
    const ids = wanted.filter((project, i) => !passedDownWhole(streams[i], project)).map((project) => project.projectId);
    if (projectId && ids.length === 0) throw new DomainError('UNKNOWN_PROJECT', 'project', `部门 ${code} ${fiscalYear} 年度没有项目 ${projectId}`, `department ${code} has no project ${projectId} in ${fiscalYear}`, { projectId });
    const projects = await Promise.all(ids.map(async (id) => monitorProject(await readProjectYear(this.store, id, asOf), asOf)));
    return { kind: 'monitoring', fiscalYear, asOf, period: periodOf(asOf), department: { code, name: department.data.name }, projects };
  }

  async renderMonitoring(code: string, fiscalYear: number, asOf: string, options: { project?: string; format: RenderFormat; display?: Partial<DisplayUnit>; profile?: string }): Promise<Rendered> {
    const doc = await this.monitor(code, fiscalYear, asOf, options.project);
    const profile = this.profiles(options.profile ?? (await profileAssignment(this.store, code, fiscalYear)).evaluation);
    return renderFiledDocument(monitoringDocument(doc, displayUnitOf(profile, options.display)), options.format, () => doc);
  }
}
