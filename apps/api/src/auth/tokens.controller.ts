import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { z } from 'zod';
import { ROLES, type Principal, type TokenInfo, hashToken, parseDepartments, tokenIdOf } from '@bem/auth';
import { identifier } from '@bem/domain';
import type { ApiRuntime } from '../api-runtime';
import { jsonBody } from '../http/body';
import type { HttpRequest } from '../http/http-types';
import { Problem, forbidden } from '../http/problems';
import { validate } from '../http/validate';
import { API_RUNTIME } from '../tokens';
import { CurrentPrincipal } from './principal.decorator';

const DAY_MS = 24 * 60 * 60 * 1000;

export const NewTokenBody = z.object({
  role: z.enum(ROLES, { error: `role 须为 ${ROLES.join(' / ')} / role must be one of ${ROLES.join(', ')}` }),
  departments: z.string().min(1, { message: 'departments 须为部门编码列表或 * / a list of codes (a,b) or *' }).max(2000),
  label: z.string().max(200).optional(),
  expiresInDays: z.number().int().min(1).max(36500).optional(),
});

const tokenId = identifier('令牌编号');

/** `bem token list | create | revoke` for the admin page of the dashboard (`#/admin/tokens`): admin tokens only. */
@Controller('api/v1/tokens')
export class TokensController {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<TokenInfo[]> {
    requireAdmin(principal);
    return this.runtime.tokens.list();
  }

  /** The token is in this answer only: it is stored as its hash. */
  @Post()
  @HttpCode(201)
  async create(@Req() request: HttpRequest, @CurrentPrincipal() principal: Principal) {
    requireAdmin(principal);
    const body = validate(NewTokenBody, jsonBody(request.body));
    const departments = parseDepartments(body.departments);
    if (!departments) throw new Problem(400, 'invalid-input', '输入无效 / invalid input', 'departments 须为部门编码列表或 * / a list of codes (a,b) or *');
    const now = new Date();
    const expiresAt = body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * DAY_MS) : null;
    const token = await this.runtime.tokens.create({ role: body.role, departments, label: body.label, expiresAt }, now);
    const id = tokenIdOf(hashToken(token));
    const created = (await this.runtime.tokens.list()).find((info) => info.id === id);
    return { token, ...created };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  async revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    requireAdmin(principal);
    validate(tokenId, id);
    if (!(await this.runtime.tokens.revoke(id))) throw new Problem(404, 'unknown-token', '未找到 / not found', `令牌 ${id} 不存在 / no token with id ${id}`);
    return (await this.runtime.tokens.list()).find((info) => info.id === id);
  }
}

function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw forbidden('只有管理员可以管理令牌 / only an admin manages tokens');
}
