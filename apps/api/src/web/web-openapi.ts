import { z } from 'zod';
import { DepartmentCurveQuery, DepartmentsQuery, ProjectCurveQuery, SourcesQuery, AssignmentQuery } from './web-schemas';

/** OpenAPI paths of the dashboard's read routes (merged into the document built in docs/openapi.ts). */
function query(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: property }));
}

const path = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const problems = {
  '400': { description: '输入无效 / invalid input', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDocument' } } } },
  '401': { description: '缺少或无效的令牌 / missing or unknown bearer token' },
  '403': { description: '角色或部门范围不允许 / outside the role or department scope' },
};

export function webOpenApiPaths(): Record<string, object> {
  return {
    '/api/v1/me': { get: { summary: '当前令牌 / who am I: role, departments, what it may do, fiscal years in scope', responses: { '200': ok('令牌信息 / the principal'), '401': problems['401'] } } },
    '/api/v1/profiles': { get: { summary: '监控方案 / the checkpoint and alert profiles', responses: { '200': ok('方案列表 / profiles'), '401': problems['401'] } } },
    '/api/v1/departments': { get: { summary: '部门执行进度排名 / departments of the token\'s scope with their progress, 序时进度 and last checkpoint status', parameters: query(DepartmentsQuery), responses: { '200': ok('部门列表 / departments'), ...problems } } },
    '/api/v1/departments/{code}/curve': { get: { summary: '月度累计曲线 / 12 month-end points (budgetCurrent, paid, arrived), 序时进度 and checkpoint lines', parameters: [path('code', '部门编码 department code'), ...query(DepartmentCurveQuery)], responses: { '200': ok('曲线 / curve'), ...problems } } },
    '/api/v1/projects/{id}/curve': { get: { summary: '项目月度累计曲线 / the same for one project', parameters: [path('id', '项目编码 project id'), ...query(ProjectCurveQuery)], responses: { '200': ok('曲线 / curve'), ...problems } } },
    '/api/v1/departments/{code}/profiles': { get: { summary: '方案指定 / the 监控方案 and 评价方案 a department-year is under (AssignProfile, else the office default)', parameters: [path('code', '部门编码 department code'), ...query(AssignmentQuery)], responses: { '200': ok('方案 / assignment'), ...problems } } },
    '/api/v1/departments/{code}/sources': { get: { summary: '资金来源构成 / issued, arrived and paid by fund source', parameters: [path('code', '部门编码 department code'), ...query(SourcesQuery)], responses: { '200': ok('资金来源 / sources'), ...problems } } },
  };
}
