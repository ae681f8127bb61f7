import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Principal } from '@bem/auth';
import type { HttpRequest } from '../http/http-types';
import { unauthenticated } from '../http/problems';

/** The principal the bearer guard found for this request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<HttpRequest>().principal;
  if (!principal) throw unauthenticated('缺少令牌 / missing bearer token');
  return principal;
});
