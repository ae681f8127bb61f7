import { z } from 'zod';
import { NewTokenBody } from './tokens.controller';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDocument' } } } });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const adminOnly = { '401': problem('缺少、过期或已吊销的令牌 / missing, expired or revoked token'), '403': problem('仅管理员 / admin tokens only') };

/** OpenAPI paths of the token routes behind the dashboard's `#/admin/tokens` (merged in docs/openapi.ts). */
export function tokensOpenApiPaths(): Record<string, object> {
  return {
    '/api/v1/tokens': {
      get: { summary: '令牌列表 / every token: id, role, departments, created, expires, revoked (never the token)', responses: { '200': ok('令牌 / tokens'), ...adminOnly } },
      post: {
        summary: '新建令牌 / create a token; the answer is the only place it appears',
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(NewTokenBody, { io: 'input' }) } } },
        responses: { '201': ok('令牌（仅此一次）/ the token, once'), '400': problem('输入无效 / invalid input'), ...adminOnly },
      },
    },
    '/api/v1/tokens/{id}/revoke': {
      post: {
        summary: '吊销令牌 / revoke a token: refused (401) from then on',
        parameters: [{ name: 'id', in: 'path', required: true, description: '令牌编号 token id (tok_…)', schema: { type: 'string' } }],
        responses: { '200': ok('已吊销 / revoked'), '404': problem('无此令牌 / no such token'), ...adminOnly },
      },
    },
  };
}
