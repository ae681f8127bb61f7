import { z } from 'zod';
import { fiscalYear, isoDate, isoInstant, text } from '@bem/domain';
import { ALERT_RULES, ALERT_STATUSES, DISPOSITIONS } from '@bem/monitoring';

const ALERT_RULE_NAMES = Object.keys(ALERT_RULES);

/** Query and body schemas of the routes (the ledger commands' own schemas come from @bem/domain). */
const year = z
  .string({ error: '须给出预算年度 year / year is required, e.g. ?year=2020' })
  .regex(/^\d{4}$/, { message: '预算年度须为四位数字 / year must be 4 digits, e.g. 2020' })
  .transform(Number)
  .pipe(fiscalYear);

const view = {
  asOf: isoDate.optional().describe('业务日期 business date YYYY-MM-DD (default: 12-31 of the year, or today)'),
  knownAt: isoInstant.optional().describe('按此时刻已登记的记录 / as recorded at this ISO instant'),
};

export const DepartmentProgressQuery = z.object({ year, ...view });
export const ProjectProgressQuery = z.object(view);

export const ImportQuery = z.object({
  format: z.enum(['jsonl', 'csv', 'xlsx'], { error: 'format 须为 jsonl / csv / xlsx / format must be jsonl, csv or xlsx' }).optional(),
  unit: z.enum(['元', '万元'], { error: 'unit 须为 元 或 万元 / unit must be 元 or 万元' }).optional(),
  filename: z.string().min(1).max(200).optional().describe('文件名 (seeds the ids of rows without 编号)'),
  dryRun: z.enum(['true', 'false'], { error: 'dryRun 须为 true 或 false' }).optional(),
  migrate: z
    .enum(['true', 'false'], { error: 'migrate 须为 true 或 false' })
    .optional()
    .describe('迁移历史（仅管理员）: each line\'s recordedAt becomes its known-at instant'),
});

/** `region`: the department and every unit below it (architecture §5 rollups). */
const scope = z.enum(['department', 'region'], { error: 'scope 须为 department 或 region / scope must be department or region' });
export const CheckpointsQuery = z.object({ year, profile: z.string().min(1).max(100).optional(), scope: scope.optional(), ...view });
const count = (what: string, max: number) =>
  z.string().regex(/^\d{1,7}$/, { message: `${what}须为非负整数 / ${what} must be a non-negative integer` }).transform(Number).pipe(z.number().max(max, { message: `${what}最大 ${max} / at most ${max}` }));
/** `a,b` -> ['a', 'b'], each value one of `values` */
const anyOf = <T extends string>(what: string, values: readonly T[]) =>
  z.string().transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean)).pipe(
    z.array(z.enum(values as [T, ...T[]], { error: `${what}须为 ${values.join(' / ')} / ${what} must be one of ${values.join(', ')}` })),
  );
const word = (what: string) => z.string().min(1, { message: `${what}不能为空 / ${what} is empty` }).max(200);

/** Every alert list query (architecture §10): paging, filters, search, grouping by project. */
export const AlertsQuery = z.object({
  year,
  scope: scope.optional(),
  ...view,
  limit: count('limit', 1000).optional(),
  offset: count('offset', 10_000_000).optional(),
  status: anyOf('status', ALERT_STATUSES).optional(),
  rule: anyOf('rule', ALERT_RULE_NAMES).optional(),
  severity: anyOf('severity', ['red', 'yellow']).optional(),
  projectId: word('projectId').optional(),
  checkpoint: word('checkpoint').optional(),
  profile: word('profile').optional(),
  unit: word('unit').optional(),
  q: word('q').optional(),
  groupBy: z.enum(['project'], { error: 'groupBy 只能为 project / groupBy must be project' }).optional(),
});

/** Bulk acknowledge: the ids of the alerts (up to 1,000) */
export const BulkAcknowledgeBody = z.object({
  ids: z.array(word('id'), { error: 'ids 须为预警编号数组 / ids must be an array of alert ids' }).min(1, { message: 'ids 不能为空 / ids is empty' }).max(1000, { message: '一次最多 1000 条 / at most 1,000 ids' }),
});
export const EvaluationQuery = z.object({
  year, ...view,
  profile: z.string().min(1).max(100).optional(),
  format: z.enum(['json', 'md', 'html', 'xlsx', 'docx', 'pdf']).optional(),
});

const formFormat = z.enum(['json', 'md', 'html', 'xlsx', 'docx', 'pdf']).optional();
const displayUnit = {
  unit: z.enum(['元', '万元'], { error: 'unit 须为 元 或 万元 / unit must be 元 or 万元' }).optional(),
  decimals: z.coerce.number().int().min(0).max(6).optional(),
};

/** GET /projects/{id}/evaluation: the project 自评表 (and 打分表) */
export const ProjectEvaluationQuery = z.object({ year: year.optional(), ...view, profile: z.string().min(1).max(100).optional(), format: formFormat, ...displayUnit });

/** GET /departments/{code}/monitoring: the 监控表 of every project as of a date */
export const MonitoringFormQuery = z.object({
  asOf: isoDate,
  year: year.optional(), project: z.string().min(1).max(200).optional(), format: formFormat, ...displayUnit,
});

export const AcknowledgeAlertBody = z.object({ note: text('备注', 2000).optional() });
export const AlertDispositionBody = z.object({
  disposition: z.enum(DISPOSITIONS, { error: `处置须为 ${DISPOSITIONS.join(' / ')} 之一 / disposition must be one of ${DISPOSITIONS.join(', ')}` }),
  note: text('备注', 2000).optional(),
});

export const CommandAccepted = z.object({
  commandId: z.string(),
  status: z.enum(['appended', 'duplicate']),
  stream: z.string(),
  eventIds: z.array(z.string()),
  revision: z.number().int(),
  position: z.number().int(),
});

export const ImportAccepted = z.object({
  ok: z.literal(true),
  dryRun: z.boolean(),
  format: z.enum(['jsonl', 'csv', 'xlsx']),
  commands: z.number().int(),
  appended: z.number().int(),
  duplicates: z.number().int(),
  events: z.number().int(),
  warnings: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
});

export const ProblemDocument = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional(),
  field: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  errors: z.array(z.object({ line: z.number().int().optional(), field: z.string(), message: z.string() })).optional(),
});
