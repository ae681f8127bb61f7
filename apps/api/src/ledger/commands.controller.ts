import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '@bem/auth';
import type { CommandOutcome } from '@bem/commands';
import { identifier, parseCommand } from '@bem/domain';
import type { ApiRuntime } from '../api-runtime';
import { loadScoringProfile } from '@bem/evaluation';
import { loadProfile } from '@bem/monitoring';
import { requireCommandScope, requireRole } from '../auth/access';
import { forbidden } from '../http/problems';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { jsonBody } from '../http/body';
import { type HttpRequest, header } from '../http/http-types';
import { invalidInput } from '../http/problems';
import { validate } from '../http/validate';
import { API_RUNTIME } from '../tokens';
import { SubmitLedgerCommand } from './ledger-commands';

export const actorOf = (principal: Principal) => `token:${principal.label ?? principal.role}`;

/** `POST /api/v1/commands`: any one ledger command, the same JSON as a ledger line. */
@Controller('api/v1')
export class CommandsController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  @Post('commands')
  @HttpCode(201)
  async submit(@Req() request: HttpRequest, @CurrentPrincipal() principal: Principal): Promise<CommandOutcome & { warnings: object[] }> {
    requireRole(principal, 'write');
    const raw = jsonBody(request.body);
    const key = header(request, 'idempotency-key');
    if (key !== undefined) {
      validate(identifier('Idempotency-Key'), key);
      // The key stands in for the command id, so a retry is recognised by the command handler.
      if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('id' in raw)) (raw as Record<string, unknown>).id = key;
    }
    const parsed = parseCommand(raw);
    if (!parsed.ok) throw invalidInput(parsed.issues);
    if (parsed.command.command === 'AssignProfile') requireKnownProfiles(principal, parsed.command);
    await requireCommandScope(principal, parsed.command, (id) => this.runtime.departmentOfProject(id));
    const outcome = await this.commandBus.execute(
      new SubmitLedgerCommand(parsed.command, { actor: actorOf(principal), source: 'api', correlationId: key }),
    );
    const warnings = [...parsed.unknownFields.map((field) => ({ field, message: '未知字段，已忽略 / unknown field, ignored' })), ...parsed.warnings];
    return { ...outcome, warnings };
  }
}

/** 方案指定 is an admin's decision, and names profiles that exist (an unknown one is refused with the list). */
function requireKnownProfiles(principal: Principal, command: { monitoring?: string; evaluation?: string }): void {
  if (principal.role !== 'admin') throw forbidden(`只有管理员可以指定方案 / only an admin may assign a profile (role ${principal.role})`);
  if (command.monitoring) loadProfile(command.monitoring);
  if (command.evaluation) loadScoringProfile(command.evaluation);
}
