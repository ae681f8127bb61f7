import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Principal } from '@bem/auth';
import { ProjectFormsService } from '@bem/evaluation';
import { DomainError } from '@bem/domain';
import type { ApiRuntime } from '../api-runtime';
import { requireDepartment } from '../auth/access';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { HttpRequest, HttpResponse } from '../http/http-types';
import type { Rendered } from '@bem/evaluation';
import { MonitoringFormQuery, ProjectEvaluationQuery } from '../http/schemas';
import { validate } from '../http/validate';
import { API_RUNTIME } from '../tokens';

/** Sends the document itself (a StreamableFile is not recognised when the API runs under tsx, and went out as JSON). */
function send(response: HttpResponse, body: unknown, rendered?: Rendered, filename?: string): void {
  if (!rendered) {
    response.type('application/json; charset=utf-8').send(JSON.stringify(body));
    return;
  }
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename ?? '')}`);
  response.type(rendered.contentType).send(rendered.body);
}

const unknownProject = (projectId: string) => new DomainError('UNKNOWN_PROJECT', 'projectId', `项目 ${projectId} 不存在`, `project ${projectId} does not exist`, { projectId });

/** The per-project forms: 项目支出绩效自评表 (+ 打分表) and the 监控表 of a department at a date. Read only. */
@Controller('api/v1')
export class FormsController {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  private service() {
    return new ProjectFormsService(this.runtime.store, this.runtime.progress);
  }

  @Get('projects/:id/evaluation')
  async projectEvaluation(@Param('id') id: string, @Req() request: HttpRequest, @Res() response: HttpResponse, @CurrentPrincipal() principal: Principal): Promise<void> {
    const department = await this.runtime.departmentOfProject(id);
    if (!department) throw unknownProject(id);
    requireDepartment(principal, 'read', department);
    const query = validate(ProjectEvaluationQuery, request.query);
    const format = query.format ?? 'json';
    const display = { unit: query.unit, decimals: query.decimals };
    if (format === 'json') return send(response, (await this.service().evaluateProject(id, query.year, query.profile)).evaluation);
    const rendered = await this.service().renderProject(id, { year: query.year, profile: query.profile, format, display });
    send(response, null, rendered, `project-evaluation-${id}.${format}`);
  }

  @Get('departments/:code/monitoring')
  async monitoring(@Param('code') code: string, @Req() request: HttpRequest, @Res() response: HttpResponse, @CurrentPrincipal() principal: Principal): Promise<void> {
    requireDepartment(principal, 'read', code);
    const query = validate(MonitoringFormQuery, request.query);
    const format = query.format ?? 'json';
    const year = query.year ?? Number(query.asOf.slice(0, 4));
    if (format === 'json') return send(response, await this.service().monitor(code, year, query.asOf, query.project));
    const rendered = await this.service().renderMonitoring(code, year, query.asOf, { project: query.project, format, display: { unit: query.unit, decimals: query.decimals } });
    send(response, null, rendered, `monitoring-${code}-${query.asOf}.${format}`);
  }
}
