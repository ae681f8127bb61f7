import { z } from 'zod';
import { ProgramQuery, YearEndQuery } from './region.controller';

/** OpenAPI paths of the region routes (merged into the document built in docs/openapi.ts), generated from their zod queries. */
function query(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: property }));
}

const path = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const responses = {
  '200': { description: 'JSON, or the file in the asked format (md, html, xlsx, docx, pdf)' },
  '400': { description: '输入无效 / invalid input', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDocument' } } } },
  '401': { description: '缺少或无效的令牌 / missing or unknown bearer token' },
  '403': { description: '角色或部门范围不允许 / outside the role or department scope' },
  '404': { description: '未知部门 / unknown department' },
};

export function regionOpenApiPaths(): Record<string, object> {
  return {
    '/api/v1/departments/{code}/programs/{program}': {
      get: {
        summary: '转移支付区域绩效目标自评表 / a transfer program over the region of a department: 全年预算数 / 执行数 / 执行率 by fund source, 到位率, per-unit table',
        parameters: [path('code', '区域的部门编码 the region root'), path('program', '转移支付项目编码 program code'), ...query(ProgramQuery)],
        responses,
      },
    },
    '/api/v1/departments/{code}/yearend': {
      get: {
        summary: '年度结转与注销 / each project\'s balance at the year boundary: carried + cancelled + open',
        parameters: [path('code', '部门编码 department code'), ...query(YearEndQuery)],
        responses,
      },
    },
  };
}
