import { z } from 'zod';
import { FUND_SOURCES } from '../shared/fields';
import { ADJUSTMENT_KINDS, DEVIATION_CAUSES, LIKELIHOODS, PROJECT_TEXT_SECTIONS } from './commands';

/**
 * Schemas of the stored events, in their own right (not derived from the commands: a command may change, what
 * was stored stays readable). They check shape and formats, not the business limits a command enforces when it
 * is decided (a text's maximum length may change; an event accepted once must parse forever). Every stored
 * event is parsed with these on read (stored-events.ts); a change of shape is a new schema version with an
 * upcaster, never an edit of stored data.
 */
const id = z.string().min(1);
const str = z.string();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** 元, a decimal string with at most 2 decimals (signed for adjustments) */
const amount = z.string().regex(/^-?\d{1,13}(\.\d{1,2})?$/);
const year = z.number().int();
const source = z.enum(FUND_SOURCES);
const projectFact = { projectId: id, occurredOn: date };
const indicatorScope = { projectId: id.optional(), departmentCode: id.optional(), fiscalYear: year.optional() };
const evaluationScope = { departmentCode: id, fiscalYear: year, profile: id.optional() };
const indicatorFields = { indicatorId: id, level1: str, level2: str, name: str, target: str, weight: amount.optional() };

export const EVENT_SCHEMAS = {
  /** 部门登记 */
  DepartmentRegistered: z.object({
    departmentCode: id, name: str,
    level: z.enum(['central', 'province', 'city', 'district', 'county', 'township', 'unit']).optional(),
    parentCode: id.optional(),
  }),
  /** 项目登记 */
  ProjectRegistered: z.object({
    projectId: id, departmentCode: id, fiscalYear: year, name: str, kind: z.enum(['basic', 'project']),
    basicClass: z.enum(['personnel', 'public']).optional(), functionalCode: id.optional(), economicClass: id.optional(), programCode: id.optional(),
    category: str.optional(),
  }),
  /** 预算下达 (年初预算 / 追加 / 上年结转); links to the allocation or carry-forward it came from */
  BudgetIssued: z.object({
    ...projectFact, amount, source, basis: z.enum(['initial', 'supplementary', 'carryover']), document: str.optional(),
    procurementAmount: amount.optional(), threePublicAmount: amount.optional(), fund: str.optional(),
    allocationId: id.optional(), carryForwardId: id.optional(), fromProjectId: id.optional(),
  }),
  /** 预算调整 / 调剂 / 追减 / 年末注销: signed delta */
  BudgetAdjusted: z.object({ ...projectFact, delta: amount, kind: z.enum(ADJUSTMENT_KINDS), reason: str, counterpartProjectId: id.optional(), document: str.optional() }),
  /** 资金到位 */
  FundsArrived: z.object({ ...projectFact, amount, source }),
  /** 支付; `overspend` only when a `warn` overspend policy let it exceed the available budget (the figures then) */
  PaymentMade: z.object({
    ...projectFact, paymentId: id, amount, economicCode: id.optional(), source: source.optional(), procurement: z.boolean().optional(),
    threePublic: z.enum(['overseas', 'vehicle', 'reception']).optional(), assetPurchase: z.boolean().optional(), publicExpense: z.boolean().optional(),
    summary: str.optional(), overspend: z.object({ available: amount, budget: amount, paid: amount }).optional(),
  }),
  /** 冲销: names the payment and repeats its amount; the payment itself is never edited */
  PaymentReversed: z.object({ ...projectFact, paymentId: id, reason: str, amount }),
  /** 绩效目标 */
  IndicatorSet: z.object({ ...indicatorScope, ...indicatorFields }),
  /** 实际完成值 */
  IndicatorActualRecorded: z.object({ ...indicatorScope, indicatorId: id, occurredOn: date, value: str }),
  /** 年度关账 */
  ProjectClosed: z.object(projectFact),
  /** 部门自评报告文字 (职能, 年度工作, 存在问题 …) */
  DepartmentTextSet: z.object({ departmentCode: id, fiscalYear: year, section: id, text: str, row: str.optional() }),
  /** 人工评分 with its justification */
  ManualScoreRecorded: z.object({ ...evaluationScope, item: str, score: amount, justification: str }),
  /** 定性评价 (达成 / 部分达成 / 未达成) */
  QualitativeAssessmentRecorded: z.object({ ...evaluationScope, item: str, level: z.enum(['达成', '部分达成', '未达成']), percent: amount.optional(), justification: str }),
  /** 报告所载数字 (for the consistency check) */
  StatedFigureRecorded: z.object({ departmentCode: id, fiscalYear: year, label: str, value: z.string(), figure: str.optional(), sumOf: z.array(str).optional(), source: str.optional() }),
  /** 单位自评得分 and 偏差原因 of one indicator, or of a form row that is no indicator (item: 预算执行率, 打分表 rows) */
  IndicatorScoreRecorded: z.object({ ...indicatorScope, indicatorId: id.optional(), item: str.optional(), score: amount, reason: str.optional() }),
  /** 项目文字 (goal 预期目标 / outcome 实际完成情况 / problems / measures) */
  ProjectTextSet: z.object({ projectId: id, section: z.enum(PROJECT_TEXT_SECTIONS), text: str }),
  /** 监控表 assessment at a checkpoint (of an indicator, or without indicatorId of the money) */
  MonitoringAssessmentRecorded: z.object({
    projectId: id, asOf: date, indicatorId: id.optional(), causes: z.array(z.enum(DEVIATION_CAUSES)),
    likelihood: z.enum(LIKELIHOODS).optional(), explanation: str.optional(), forecast: str.optional(),
  }),
  /** 方案指定 (the latest for a year holds) */
  ProfileAssigned: z.object({ departmentCode: id, fiscalYear: year, monitoring: id.optional(), evaluation: id.optional() }),
  /** 分解下达 (parent side): this much of the project's budget went down to `toProjectId` */
  BudgetAllocated: z.object({ ...projectFact, toProjectId: id, amount, source, document: str.optional(), allocationId: id }),
  /** 结转 (origin side): this much of the balance now lives on in `toProjectId` (next year) */
  BalanceCarriedForward: z.object({ ...projectFact, toProjectId: id, amount, source, document: str.optional(), carryForwardId: id }),
  /** 年末注销 / 收回 of (part of) the balance */
  BalanceCancelled: z.object({ ...projectFact, amount, reason: str, document: str.optional() }),
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

export type DomainEvent = { [K in EventType]: { readonly type: K; readonly data: z.output<(typeof EVENT_SCHEMAS)[K]> } }[EventType];
export type EventOf<K extends EventType> = Extract<DomainEvent, { type: K }>;
export type EventData<K extends EventType> = EventOf<K>['data'];

export const isDomainEventType = (type: string): type is EventType => type in EVENT_SCHEMAS;
