import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Principal } from '@bem/auth';
import type { ApiRuntime } from '../api-runtime';
import { requireDepartment, requireProjectRead } from '../auth/access';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { HttpRequest } from '../http/http-types';
import { DepartmentProgressQuery, ProjectProgressQuery } from '../http/schemas';
import { validate } from '../http/validate';
import { API_RUNTIME } from '../tokens';
import { GetDepartmentProgress, GetProjectEvents, GetProjectProgress } from './progress-queries';
import { regionProgressOf } from '../region/region.controller';

/** Execution progress (执行进度) and the audit trail, read from the log. */
@Controller('api/v1')
export class ProgressController {
  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  /** The `bem progress --json` document. */
  @Get('departments/:code/progress')
  department(@Param('code') code: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    requireDepartment(principal, 'read', code);
    if ((request.query as Record<string, unknown>).scope === 'region') return regionProgressOf(this.runtime, code, request.query);
    const query = validate(DepartmentProgressQuery, request.query);
    return this.queryBus.execute(new GetDepartmentProgress(code, query.year, { asOf: query.asOf, knownAt: query.knownAt }));
  }

  @Get('projects/:id/progress')
  async project(@Param('id') projectId: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    await this.requireProjectRead(principal, projectId);
    const query = validate(ProjectProgressQuery, request.query);
    return this.queryBus.execute(new GetProjectProgress(projectId, { asOf: query.asOf, knownAt: query.knownAt }));
  }

  @Get('projects/:id/events')
  async events(@Param('id') projectId: string, @CurrentPrincipal() principal: Principal) {
    await this.requireProjectRead(principal, projectId);
    return this.queryBus.execute(new GetProjectEvents(projectId));
  }

  private async requireProjectRead(principal: Principal, projectId: string): Promise<void> {
    await requireProjectRead(principal, projectId, (id) => this.runtime.departmentOfProject(id));
  }
}
