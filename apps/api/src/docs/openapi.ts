import { z } from 'zod';
import { COMMAND_NAMES, COMMAND_SCHEMAS } from '@bem/domain';
import * as schemas from '../http/schemas';
import { regionOpenApiPaths } from '../region/region-openapi';
import { tokensOpenApiPaths } from '../auth/tokens-openapi';
import { webOpenApiPaths } from '../web/web-openapi';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[]; description?: string };

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a client sends: zod's input side. */
const jsonSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function queryParameters(schema: z.ZodObject) {
  const json = jsonSchema(schema);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

const pathParameter = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('ProblemDocument') } } });
const json = (description: string, schema: object = {}) => ({ description, content: { 'application/json': { schema } } });
const standardProblems = {
  '400': problem('输入无效 / invalid input: every issue with its field'),
  '401': problem('缺少或无效的令牌 / missing or unknown bearer token'),
  '403': problem('角色或部门范围不允许 / outside the role or department scope'),
};

const department = pathParameter('code', '部门编码 department code');
const project = pathParameter('id', '项目编码 project id');

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(): object {
  const components: Record<string, JsonSchema> = {};
  for (const name of COMMAND_NAMES) components[name] = jsonSchema(COMMAND_SCHEMAS[name]);
  for (const name of ['CommandAccepted', 'ImportAccepted', 'ProblemDocument', 'AcknowledgeAlertBody', 'AlertDispositionBody'] as const) {
    components[name] = jsonSchema(schemas[name]);
  }
  components.LedgerCommand = {
    oneOf: COMMAND_NAMES.map(ref),
    discriminator: { propertyName: 'command', mapping: Object.fromEntries(COMMAND_NAMES.map((name) => [name, ref(name).$ref])) },
  };
  const anyJson = { type: 'object' };
  return {
    openapi: '3.1.0',
    info: { title: '预算执行监控 budget-execution-monitor API', version: '1' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/api/v1/commands': {
        post: {
          summary: '提交一条账本命令 / submit one ledger command (same JSON as a ledger line)',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' }, description: '用作命令编号 / used as the command id when the body has none' }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('LedgerCommand') } } },
          responses: { '201': json('已记录 / recorded (status duplicate on a retry)', ref('CommandAccepted')), ...standardProblems, '404': problem('项目或部门未登记 / unknown project or department'), '409': problem('业务规则或并发冲突 / business rule or revision conflict, with the figures') },
        },
      },
      '/api/v1/imports': {
        post: {
          summary: '导入账本文件 / import a ledger file: JSONL, CSV or XLSX; all or nothing',
          parameters: queryParameters(schemas.ImportQuery),
          requestBody: {
            required: true,
            content: {
              'application/x-ndjson': { schema: { type: 'string' } },
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
            },
          },
          responses: { '201': json('已导入 / imported', ref('ImportAccepted')), '200': json('校验通过（dryRun）/ dry run OK', ref('ImportAccepted')), ...standardProblems },
        },
      },
      '/api/v1/departments/{code}/progress': {
        get: { summary: '部门执行进度 / department progress (the `bem progress --json` document)', parameters: [department, ...queryParameters(schemas.DepartmentProgressQuery)], responses: { '200': json('执行进度 / progress', anyJson), ...standardProblems, '404': problem('部门未登记 / unknown department') } },
      },
      '/api/v1/projects/{id}/progress': {
        get: { summary: '项目执行进度 / one project\'s progress', parameters: [project, ...queryParameters(schemas.ProjectProgressQuery)], responses: { '200': json('执行进度 / progress', anyJson), ...standardProblems, '404': problem('项目未登记 / unknown project') } },
      },
      '/api/v1/projects/{id}/events': {
        get: { summary: '项目事件（审计视图）/ the project\'s events (audit view)', parameters: [project], responses: { '200': json('事件 / events', anyJson), ...standardProblems, '404': problem('项目未登记 / unknown project') } },
      },
      '/api/v1/departments/{code}/checkpoints': {
        get: { summary: '检查点 / checkpoints (the `bem checkpoints --json` document, computed without appending)', parameters: [department, ...queryParameters(schemas.CheckpointsQuery)], responses: { '200': json('检查点 / checkpoints', anyJson), ...standardProblems, '404': problem('部门未登记 / unknown department') } },
      },
      '/api/v1/departments/{code}/alerts': {
        get: { summary: '预警 / alerts', parameters: [department, ...queryParameters(schemas.AlertsQuery)], responses: { '200': json('预警列表 / alerts', anyJson), ...standardProblems } },
      },
      '/api/v1/alerts/{id}/acknowledge': {
        post: { summary: '确认预警 / acknowledge an alert', parameters: [pathParameter('id', '预警编号 alert id')], requestBody: { content: { 'application/json': { schema: ref('AcknowledgeAlertBody') } } }, responses: { '200': json('预警 / the alert', anyJson), ...standardProblems, '404': problem('预警不存在 / unknown alert') } },
      },
      '/api/v1/alerts/{id}/disposition': {
        post: { summary: '处置预警 / record an alert disposition', parameters: [pathParameter('id', '预警编号 alert id')], requestBody: { required: true, content: { 'application/json': { schema: ref('AlertDispositionBody') } } }, responses: { '200': json('预警 / the alert', anyJson), ...standardProblems, '404': problem('预警不存在 / unknown alert'), '409': problem('已作出不同处置 / already disposed differently') } },
      },
      '/api/v1/departments/{code}/evaluation': {
        get: { summary: '绩效自评 / year-end self-evaluation (JSON by default; format=md|html|xlsx|docx|pdf downloads the report)', parameters: [department, ...queryParameters(schemas.EvaluationQuery)], responses: { '200': json('自评报告 / the evaluation', anyJson), ...standardProblems } },
      },
      ...webOpenApiPaths(),
      ...tokensOpenApiPaths(),
      ...regionOpenApiPaths(),
      '/health': {
        get: { summary: '健康检查 / health', security: [], responses: { '200': json('正常 / ok', anyJson), '503': json('依赖故障 / a dependency failed', anyJson) } },
      },
    },
  };
}
