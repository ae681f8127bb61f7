import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '@bem/auth';
import { DomainError } from '@bem/domain';
import { type BatchResult, countOutcomes } from '@bem/commands';
import {
  type LedgerFormat,
  type LineIssue,
  type ParsedLedger,
  formatOfContentType,
  boundIssues,
  formatOfFileName,
} from '@bem/ledger-io';
import type { ApiRuntime } from '../api-runtime';
import { requireCommandScope, requireRole } from '../auth/access';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { rawBody } from '../http/body';
import { type HttpRequest, type HttpResponse, header } from '../http/http-types';
import { Problem, forbidden, invalidInput } from '../http/problems';
import { ImportQuery } from '../http/schemas';
import { validate } from '../http/validate';
import { API_RUNTIME } from '../tokens';
import { actorOf } from './commands.controller';
import { ImportLedgerBatch } from './ledger-commands';
import { readLedgerOffThread } from './read-ledger-off-thread';

/** `POST /api/v1/imports`: a ledger file (JSONL, CSV or XLSX) as the body; validated whole, all or nothing. */
@Controller('api/v1')
export class ImportsController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  @Post('imports')
  @HttpCode(201)
  async import(
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
    @CurrentPrincipal() principal: Principal,
  ) {
    requireRole(principal, 'write');
    const query = validate(ImportQuery, request.query);
    const migrate = query.migrate === 'true';
    // Only an admin may say when history was known (architecture §10): anyone else's recordedAt is kept as metadata.
    if (migrate && principal.role !== 'admin') throw forbidden('只有管理员可以迁移历史 / only an admin may import with migrate=true');
    const format = query.format ?? formatOfContentType(header(request, 'content-type')) ?? formatOfFileName(query.filename ?? '');
    if (!format) throw invalidInput([{ field: 'format', message: '无法判断文件格式 / unknown format: set Content-Type or ?format=jsonl|csv|xlsx' }]);
    const fileName = query.filename ?? `upload.${format}`;
    const parsed = await readLedgerOffThread(rawBody(request.body), format, { fileName, unit: query.unit });
    await this.requireScope(principal, parsed);

    const dryRun = query.dryRun === 'true';
    const result = await this.commandBus.execute(
      new ImportLedgerBatch(
        parsed.lines.map((line) => line.command),
        { dryRun: dryRun || parsed.errors.length > 0, migrate, actor: actorOf(principal), source: `api-import:${fileName}` },
      ),
    );
    const errors = [...parsed.errors, ...domainIssues(parsed, result)].sort((a, b) => a.line - b.line);
    if (errors.length) throw rejectedFile(errors);
    if (dryRun) response.status(200);
    return summarise(format, dryRun, parsed, result);
  }

  /** Every command of the file must fall in the token's departments (projects registered in the file count). */
  private async requireScope(principal: Principal, parsed: ParsedLedger): Promise<void> {
    const registered = new Map<string, string>();
    const outside: LineIssue[] = [];
    let status = 403;
    for (const { line, command } of parsed.lines) {
      if (command.command === 'RegisterProject') registered.set(command.projectId, command.departmentCode);
      try {
        await requireCommandScope(principal, command, (id) => this.runtime.departmentOfProject(id), registered);
      } catch (error) {
        if (error instanceof DomainError) {
          // A project outside the scope reads as unknown: the file is answered as the handler answers one.
          status = 404;
          outside.push({ line, field: error.field, message: error.message });
        } else if (error instanceof Problem) {
          outside.push({ line, field: 'departmentCode', message: error.detail ?? error.title, ...error.extras });
        } else throw error;
      }
    }
    if (!outside.length) return;
    if (status === 404) throw rejectedFile(outside);
    const { listed, total } = boundIssues(outside);
    throw forbidden(`文件含 ${total} 行超出令牌的部门范围 / ${total} row(s) outside the token's departments`, { errors: listed, total });
  }
}

/** 400 listing the first 1,000 problems (cells echoed up to 200 characters) and how many there are in all. */
function rejectedFile(errors: readonly LineIssue[]) {
  const { listed, total } = boundIssues(errors);
  const more = total > listed.length ? `; 仅列出前 ${listed.length} 个 / the first ${listed.length} listed` : '';
  const problem = invalidInput(listed, `导入被拒绝，未写入任何记录 / import rejected, nothing appended: ${total} problem(s)${more}`);
  problem.extras.total = total;
  return problem;
}

function domainIssues(parsed: ParsedLedger, result: BatchResult): LineIssue[] {
  return result.rejected.map(({ index, error }) => ({
    line: parsed.lines[index].line,
    field: error.field,
    message: error.message,
    code: error.code,
    details: error.details,
  }));
}

function summarise(format: LedgerFormat, dryRun: boolean, parsed: ParsedLedger, result: BatchResult) {
  return { ok: true as const, dryRun, format, commands: parsed.lines.length, ...countOutcomes(result), warnings: parsed.warnings };
}
