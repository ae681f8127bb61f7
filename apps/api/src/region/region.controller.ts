import { Controller, Get, Inject, Param, Req, type StreamableFile } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@bem/auth';
import { fiscalYear, isoDate, isoInstant } from '@bem/domain';
import { type ProgramTable, RENDER_FORMATS, programDisplay, programProfile, programTable, renderProgram } from '@bem/evaluation';
import { type RegionProgress, RegionIndex, type YearEnd, programView, regionProgress, yearEnd } from '@bem/regions';
import type { ApiRuntime } from '../api-runtime';
import { requireDepartment } from '../auth/access';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { HttpRequest } from '../http/http-types';
import { validate } from '../http/validate';
import { DOCUMENT_TITLES, documentFileName, download } from '../http/download';
import { API_RUNTIME } from '../tokens';

const year = z
  .string({ error: '须给出预算年度 year / year is required, e.g. ?year=2020' })
  .regex(/^\d{4}$/, { message: '预算年度须为四位数字 / year must be 4 digits, e.g. 2020' })
  .transform(Number)
  .pipe(fiscalYear);
const scope = z.enum(['department', 'region'], { error: 'scope 须为 department 或 region / scope must be department or region' });

export const RegionProgressQuery = z.object({ year, asOf: isoDate.optional(), knownAt: isoInstant.optional(), scope: scope.optional() });
export const ProgramQuery = z.object({
  year,
  asOf: isoDate.optional(),
  /** 评价方案 (default: the one assigned to the year); no shipped profile scores a transfer table */
  profile: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'profile 须为方案名称（如 national）/ profile must be a profile name such as national' }).optional(),
  format: z.enum(RENDER_FORMATS, { error: `format 须为 ${RENDER_FORMATS.join(' / ')} 之一 / format must be one of ${RENDER_FORMATS.join(', ')}` }).optional(),
});
export const YearEndQuery = z.object({ year, scope: scope.optional() });

/** One region index per API runtime, caught up on every request (it folds only what is new). */
const indexes = new WeakMap<ApiRuntime, RegionIndex>();
export function regionIndexOf(runtime: ApiRuntime): RegionIndex {
  let index = indexes.get(runtime);
  if (!index) {
    index = new RegionIndex(runtime.store);
    indexes.set(runtime, index);
  }
  return index;
}

/** `?scope=region` of GET /departments/{code}/progress: the department and all its descendants. */
export function regionProgressOf(runtime: ApiRuntime, code: string, query: unknown): Promise<RegionProgress> {
  const q = validate(RegionProgressQuery, query);
  return regionProgress(runtime.progress, regionIndexOf(runtime), code, q.year, { asOf: q.asOf, knownAt: q.knownAt });
}

/**
 * Regions and transfer programs. Reading a region needs read access to its root department: the bureau that
 * allocates down answers for how the whole region executed.
 */
@Controller('api/v1')
export class RegionController {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  /**
   * The `bem program --json` document: 转移支付区域绩效目标自评表 of a program over the region of `code`;
   * `?format=md|html|xlsx|docx|pdf` renders it as `bem program --format` does (the year-end report's formats).
   */
  @Get('departments/:code/programs/:program')
  async program(
    @Param('code') code: string,
    @Param('program') program: string,
    @Req() request: HttpRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProgramTable | StreamableFile> {
    requireDepartment(principal, 'read', code);
    const query = validate(ProgramQuery, request.query);
    const view = await programView(regionIndexOf(this.runtime), program, code, query.year, query.asOf);
    const profile = await programProfile(this.runtime.store, view, query.profile);
    const table = programTable(view, profile);
    const format = query.format ?? 'json';
    if (format === 'json') return table;
    const rendered = await renderProgram(table, format, programDisplay(profile));
    return download(rendered, documentFileName([program, code], query.year, DOCUMENT_TITLES.program, format));
  }

  /** The `bem yearend --json` document: balances at the year boundary, carried + cancelled. */
  @Get('departments/:code/yearend')
  yearEnd(@Param('code') code: string, @Req() request: HttpRequest, @CurrentPrincipal() principal: Principal): Promise<YearEnd> {
    requireDepartment(principal, 'read', code);
    const query = validate(YearEndQuery, request.query);
    return yearEnd(regionIndexOf(this.runtime), code, query.year, query.scope ?? 'department');
  }
}
