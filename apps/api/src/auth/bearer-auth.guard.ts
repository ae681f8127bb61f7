import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiRuntime } from '../api-runtime';
import { type HttpRequest, header } from '../http/http-types';
import { unauthenticated } from '../http/problems';
import { API_RUNTIME } from '../tokens';

const PUBLIC = 'bem:public';
/** Marks a route that needs no token (health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Authenticates every route but the public ones: `Authorization: Bearer <token>`, looked up by its SHA-256 hash. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header(request, 'authorization') ?? '');
    if (!match) throw unauthenticated('缺少令牌 / missing "Authorization: Bearer <token>" header');
    const principal = await this.runtime.tokens.verify(match[1]);
    if (!principal) throw unauthenticated('令牌无效、已过期或已吊销 / unknown, expired or revoked token');
    request.principal = principal;
    return true;
  }
}
