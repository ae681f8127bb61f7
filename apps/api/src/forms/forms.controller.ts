import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import type { Principal } from '@bem/auth';
import { ProjectFormsService } from '@bem/evaluation';
import type { ApiRuntime } from '../api-runtime';
import { requireDepartment, requireProjectRead } from '../auth/access';
import { DOCUMENT_TITLES, documentFileName, download } from '../http/download';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { HttpRequest } from '../http/http-types';
import { MonitoringFormQuery, ProjectEvaluationQuery } from '../http/schemas';
import { validate } from '../http/validate';
import { API_RUNTIME } from '../tokens';

/** The per-project forms: 项目支出绩效自评表 (+ 打分表) and the 监控表 of a department at a date. Read only. */
@Controller('api/v1')
export class FormsController {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  private service() {
    return new ProjectFormsService(this.runtime.store, this.runtime.progress);
  }

  @Get('projects/:id/evaluation')
  async projectEvaluation(@Param('id') id: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    await requireProjectRead(principal, id, (projectId) => this.runtime.departmentOfProject(projectId));
    const query = validate(ProjectEvaluationQuery, request.query);
    const format = query.format ?? 'json';
    const display = { unit: query.unit, decimals: query.decimals };
    const view = { asOf: query.asOf, knownAt: query.knownAt };
    if (format === 'json') return (await this.service().evaluateProject(id, query.year, query.profile, view)).evaluation;
    const rendered = await this.service().renderProject(id, { year: query.year, profile: query.profile, format, display, view });
    return download(rendered, query.year ? documentFileName([id], query.year, DOCUMENT_TITLES.projectEvaluation, format) : `${id}-${DOCUMENT_TITLES.projectEvaluation}.${format}`);
  }

  @Get('departments/:code/monitoring')
  async monitoring(@Param('code') code: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    requireDepartment(principal, 'read', code);
    const query = validate(MonitoringFormQuery, request.query);
    const format = query.format ?? 'json';
    const year = query.year ?? Number(query.asOf.slice(0, 4));
    if (format === 'json') return this.service().monitor(code, year, query.asOf, query.project);
    const rendered = await this.service().renderMonitoring(code, year, query.asOf, { project: query.project, format, display: { unit: query.unit, decimals: query.decimals } });
    return download(rendered, `${code}-${query.asOf}-${DOCUMENT_TITLES.monitoring}.${format}`);
  }
}
