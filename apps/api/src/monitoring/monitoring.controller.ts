import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { EvaluationService } from '@bem/evaluation';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Principal } from '@bem/auth';
import type { DepartmentAlertPage } from '@bem/contracts';
import { identifier } from '@bem/domain';
import { type AlertList, queryAlerts, unknownAlert } from '@bem/monitoring';
import type { ApiRuntime } from '../api-runtime';
import { requireDepartment, requireRole } from '../auth/access';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { jsonBody } from '../http/body';
import { DOCUMENT_TITLES, documentFileName, download } from '../http/download';
import type { HttpRequest } from '../http/http-types';
import { loadProfile } from '@bem/monitoring';
import { regionAlerts, regionCheckpoints } from '@bem/regions';
import { regionIndexOf } from '../region/region.controller';
import { AcknowledgeAlertBody, AlertDispositionBody, AlertsQuery, BulkAcknowledgeBody, CheckpointsQuery, EvaluationQuery } from '../http/schemas';
import { validate } from '../http/validate';
import { actorOf } from '../ledger/commands.controller';
import { API_RUNTIME } from '../tokens';
import { AcknowledgeAlert, DisposeAlert, GetAlerts, GetCheckpoints } from './monitoring-messages';

const alertId = identifier('预警编号');

/**
 * Checkpoints, alerts and the self-evaluation, served by the monitoring services of libs/monitoring.
 * The self-evaluation (绩效自评) is computed by libs/evaluation; it reads only and appends nothing.
 */
@Controller('api/v1')
export class MonitoringController {
  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  @Get('departments/:code/checkpoints')
  checkpoints(@Param('code') code: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    requireDepartment(principal, 'read', code);
    const query = validate(CheckpointsQuery, request.query);
    if (query.scope === 'region') {
      return regionCheckpoints(this.runtime.progress, regionIndexOf(this.runtime), code, query.year, loadProfile(query.profile));
    }
    return this.queryBus.execute(new GetCheckpoints(code, query.year, query.profile, { asOf: query.asOf, knownAt: query.knownAt }));
  }

  /** `{ total, alerts }` with paging, filters, search by project name, grouping by project and counts per status. */
  @Get('departments/:code/alerts')
  async alerts(@Param('code') code: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal): Promise<DepartmentAlertPage> {
    requireDepartment(principal, 'read', code);
    const { year, scope, asOf, knownAt, ...filters } = validate(AlertsQuery, request.query);
    if (scope === 'region') {
      const region = await regionAlerts(this.runtime.alerts, regionIndexOf(this.runtime), code, year, { asOf, knownAt });
      const names = await this.projectNames([...new Set(region.alerts.map((alert) => alert.departmentCode))], year);
      return { scope: 'region' as const, departmentCode: code, fiscalYear: year, ...queryAlerts(region.alerts, filters, names, region.suspendedProjects) };
    }
    const list: AlertList = await this.queryBus.execute(new GetAlerts(code, year, { asOf, knownAt }));
    const names = await this.projectNames([code], year);
    return { departmentCode: code, fiscalYear: year, ...queryAlerts(list.alerts.map((alert) => ({ ...alert, departmentCode: code })), filters, names, list.suspendedProjects) };
  }

  /** 批量确认: `{ ids }`; every alert must be one the principal handles (403 / 404 before anything is written). */
  @Post('alerts/acknowledge')
  @HttpCode(200)
  async acknowledgeMany(@Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    requireRole(principal, 'handle-alerts');
    const { ids } = validate(BulkAcknowledgeBody, jsonBody(request.body));
    for (const id of ids) await this.requireAlertHandling(principal, id);
    const alerts = await this.runtime.alerts.acknowledgeMany(ids, actorOf(principal));
    return { acknowledged: alerts.length, alerts };
  }

  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  async acknowledge(@Param('id') id: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    await this.requireAlertHandling(principal, id);
    validate(AcknowledgeAlertBody, jsonBody(request.body, true));
    return this.commandBus.execute(new AcknowledgeAlert(id, actorOf(principal)));
  }

  @Post('alerts/:id/disposition')
  @HttpCode(200)
  async disposition(@Param('id') id: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    await this.requireAlertHandling(principal, id);
    const body = validate(AlertDispositionBody, jsonBody(request.body));
    return this.commandBus.execute(new DisposeAlert(id, body.disposition, actorOf(principal), body.note));
  }

  @Get('departments/:code/evaluation')
  async evaluation(
    @Param('code') code: string,
    @Req() request: HttpRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    requireDepartment(principal, 'read', code);
    const query = validate(EvaluationQuery, request.query);
    const format = query.format ?? 'json';
    const service = new EvaluationService(this.runtime.store, this.runtime.progress);
    const view = { asOf: query.asOf, knownAt: query.knownAt };
    if (format === 'json') return service.evaluate(code, query.year, query.profile, view);
    const rendered = await service.render(code, query.year, query.profile, format, view);
    return download(rendered, documentFileName([code], query.year, DOCUMENT_TITLES.evaluation, format));
  }

  private async projectNames(codes: readonly string[], year: number): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const code of codes) for (const project of await this.runtime.progress.projects(code, year)) names.set(project.projectId, project.name);
    return names;
  }

  /** Role first (403 before anything is looked up), then the alert's department. */
  private async requireAlertHandling(principal: Principal, id: string): Promise<void> {
    requireRole(principal, 'handle-alerts');
    validate(alertId, id);
    const department = await this.runtime.departmentOfAlert(id);
    if (!department) throw unknownAlert(id);
    requireDepartment(principal, 'handle-alerts', department);
  }
}
