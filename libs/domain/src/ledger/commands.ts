import { z } from 'zod';
import { FUND_SOURCES, fiscalYear, identifier, isoDate, isoInstant, oneOf, text, yuan } from '../shared/fields';
import { AllocateBudget, CancelBalance, CarryForward } from '../region/commands';
import { INDICATOR_FIELDS } from '../indicators/fields';

/** Fields every ledger line may carry. `recordedAt` is only for history booked earlier in another system. */
const base = {
  id: identifier('命令编号'),
  recordedAt: isoInstant.optional(),
};

const projectRef = {
  projectId: identifier('项目编码'),
  /** When given, must match the project's fiscal year. */
  fiscalYear: fiscalYear.optional(),
};

/** Indicators and their actuals belong to a project, or to a department's whole year (部门整体). */
const indicatorScope = {
  projectId: identifier('项目编码').optional(),
  departmentCode: identifier('部门编码').optional(),
  fiscalYear: fiscalYear.optional(),
};

const flag = z.boolean({ error: '须为 true 或 false / must be true or false' });

export const RegisterDepartment = z.object({
  ...base,
  command: z.literal('RegisterDepartment'),
  departmentCode: identifier('部门编码'),
  name: text('部门名称', 200),
  level: oneOf(['central', 'province', 'city', 'district', 'county', 'township', 'unit'], '层级').optional(),
  parentCode: identifier('上级部门编码').optional(),
});

export const RegisterProject = z.object({
  ...base,
  command: z.literal('RegisterProject'),
  projectId: identifier('项目编码'),
  departmentCode: identifier('部门编码'),
  fiscalYear,
  name: text('项目名称', 200),
  kind: oneOf(['basic', 'project'], '支出类型').default('project'),
  basicClass: oneOf(['personnel', 'public'], '基本支出分类').optional(),
  functionalCode: identifier('功能分类科目').optional(),
  economicClass: identifier('经济分类').optional(),
  programCode: identifier('转移支付项目编码').optional(),
  /** the 基础数据表 subtotal a 项目支出 counts under (专项经费（含政府专项） …), printed with its 其中 rows */
  category: text('项目类别', 100).optional(),
});

export const IssueBudget = z.object({
  ...base,
  ...projectRef,
  command: z.literal('IssueBudget'),
  occurredOn: isoDate,
  /** 0 is accepted: a form's 0 row (其他资金 0.00) is a stated fact, not an invented one */
  amount: yuan('non-negative'),
  source: oneOf(FUND_SOURCES, '资金来源').default('own'),
  /** a named fund within the source (彩票公益金, 专项债券 …): a 其中 sub-row of the 项目资金 block */
  fund: text('资金名称', 100).optional(),
  basis: oneOf(['initial', 'supplementary', 'carryover'], '下达依据'),
  document: text('文号', 200).optional(),
  procurementAmount: yuan('non-negative').optional(),
  threePublicAmount: yuan('non-negative').optional(),
});

export const ADJUSTMENT_KINDS = ['increase', 'decrease', 'transfer-in', 'transfer-out', 'cancel'] as const;

export const AdjustBudget = z.object({
  ...base,
  ...projectRef,
  command: z.literal('AdjustBudget'),
  occurredOn: isoDate,
  delta: yuan('non-zero'),
  kind: oneOf(ADJUSTMENT_KINDS, '调整类型'),
  reason: text('调整原因', 500),
  counterpartProjectId: identifier('调剂对方项目').optional(),
  document: text('文号', 200).optional(),
});

export const RecordFundsArrival = z.object({
  ...base,
  ...projectRef,
  command: z.literal('RecordFundsArrival'),
  occurredOn: isoDate,
  amount: yuan('positive'),
  source: oneOf(FUND_SOURCES, '资金来源').default('own'),
});

export const RecordPayment = z.object({
  ...base,
  ...projectRef,
  command: z.literal('RecordPayment'),
  paymentId: identifier('支付编号'),
  occurredOn: isoDate,
  amount: yuan('positive'),
  economicCode: identifier('经济分类科目').optional(),
  source: oneOf(FUND_SOURCES, '资金来源').optional(),
  procurement: flag.optional(),
  threePublic: oneOf(['overseas', 'vehicle', 'reception'], '三公经费类别').optional(),
  assetPurchase: flag.optional(),
  publicExpense: flag.optional(),
  summary: text('摘要', 500).optional(),
});

export const ReversePayment = z.object({
  ...base,
  ...projectRef,
  command: z.literal('ReversePayment'),
  paymentId: identifier('支付编号'),
  occurredOn: isoDate,
  reason: text('冲销原因', 500),
});

export const SetIndicator = z.object({
  ...base,
  ...indicatorScope,
  command: z.literal('SetIndicator'),
  ...INDICATOR_FIELDS,
});

export const RecordIndicatorActual = z.object({
  ...base,
  ...indicatorScope,
  command: z.literal('RecordIndicatorActual'),
  indicatorId: identifier('指标编号'),
  occurredOn: isoDate,
  value: text('实际完成值', 200),
});

export const CloseProject = z.object({
  ...base,
  ...projectRef,
  command: z.literal('CloseProject'),
  occurredOn: isoDate,
});

export const SetDepartmentText = z.object({
  ...base,
  command: z.literal('SetDepartmentText'),
  departmentCode: identifier('部门编码'),
  fiscalYear,
  section: identifier('章节'),
  text: text('内容', 20_000),
  /** with a row (支出合计, 基本支出, 项目支出, a project's name or category): the text is that 基础数据表 row's 备注 */
  row: text('所在行', 200).optional(),
});

/** A year's evaluation of a department: which profile item, by whom and why (the event carries the actor). */
const evaluationScope = {
  departmentCode: identifier('部门编码'),
  fiscalYear,
  /** 评价方案; omitted = applies to every profile that has the item */
  profile: identifier('评价方案').optional(),
};

const SCORE = /^\d+(\.\d{1,2})?$/;
const score = (what: string) => z.string({ error: `${what}须为字符串（如 "3.5"）/ must be a decimal string` }).regex(SCORE, { message: `${what}须为非负小数，最多两位小数 / non-negative decimal, at most 2 decimals` });

/** 人工评分 (制度健全性, 违规记录, 信息公开 …): a score entered by a person, with its justification. */
export const RecordManualScore = z.object({
  ...base,
  ...evaluationScope,
  command: z.literal('RecordManualScore'),
  item: text('评分项', 100),
  score: score('得分'),
  justification: text('评分依据', 2000),
});

/** 定性评价: 达成 / 部分达成 / 未达成 of a qualitative indicator or profile item, with the share of its weight. */
export const RecordQualitativeAssessment = z.object({
  ...base,
  ...evaluationScope,
  command: z.literal('RecordQualitativeAssessment'),
  /** an indicatorId (of the department or one of its projects) or a profile item name */
  item: text('评价对象', 200),
  level: oneOf(['达成', '部分达成', '未达成'], '评价等级'),
  /** percent of the weight inside the level's band (达成 80–100, 部分达成 60–80, 未达成 0–60); default its top */
  percent: score('得分比例').optional(),
  justification: text('评价依据', 2000),
});

/** 报告所载数字: a figure as a report states it, to be recomputed (consistency check). */
export const RecordStatedFigure = z.object({
  ...base,
  departmentCode: identifier('部门编码'),
  fiscalYear,
  command: z.literal('RecordStatedFigure'),
  /** what the report calls it */
  label: text('名称', 200),
  /** the figure it states (万元 / % / 分 as printed) */
  value: z.string().regex(/^-?\d+(\.\d+)?$/, { message: '数值须为小数字符串 / value must be a decimal string' }),
  /** the computed figure it should equal ("基础数据表/支出合计/决算", "比率/预算执行率", "得分/预算完成") */
  figure: text('对应数字', 200).optional(),
  /** or: it should equal the sum of these figures (a printed subtotal) */
  sumOf: z.array(text('对应数字', 200)).min(1).optional(),
  source: text('出处', 500).optional(),
});

/**
 * The office's own 得分 and 偏差原因分析及改进措施 for one indicator (not above its 分值; checked by the decider), or
 * with `item` instead of indicatorId for a row of the form that is no indicator (预算执行率, the 打分表's 决策 / 过程 rows).
 */
export const RecordIndicatorScore = z.object({
  ...base,
  ...indicatorScope,
  command: z.literal('RecordIndicatorScore'),
  indicatorId: identifier('指标编号').optional(),
  item: text('评分项', 100).optional(),
  score: score('得分'),
  reason: text('偏差原因分析及改进措施', 2000).optional(),
});

export const PROJECT_TEXT_SECTIONS = ['goal', 'outcome', 'problems', 'measures'] as const;

/** 年度总体目标 预期目标 (goal) / 实际完成情况 (outcome), 存在问题 (problems), 改进措施 (measures). */
export const SetProjectText = z.object({
  ...base,
  ...projectRef,
  command: z.literal('SetProjectText'),
  section: oneOf(PROJECT_TEXT_SECTIONS, '内容类别'),
  text: text('内容', 20_000),
});

/** 偏差原因: 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他 (财预〔2019〕136号) */
export const DEVIATION_CAUSES = ['funding', 'institutional', 'staffing', 'facilities', 'other'] as const;
export const DEVIATION_CAUSE_LABELS: Record<(typeof DEVIATION_CAUSES)[number], string> = {
  funding: '经费保障', institutional: '制度保障', staffing: '人员保障', facilities: '硬件条件保障', other: '其他',
};
/** 完成目标可能性: 确定能 / 有可能 / 完全不可能 */
export const LIKELIHOODS = ['certain', 'possible', 'impossible'] as const;
export const LIKELIHOOD_LABELS: Record<(typeof LIKELIHOODS)[number], string> = { certain: '确定能', possible: '有可能', impossible: '完全不可能' };

/**
 * The office's 监控 assessment at a checkpoint: of one indicator (its 全年预计完成值, causes, likelihood), or without
 * indicatorId of the project's money (forecast = 全年预计执行数 in 元).
 */
export const RecordMonitoringAssessment = z.object({
  ...base,
  ...projectRef,
  command: z.literal('RecordMonitoringAssessment'),
  asOf: isoDate,
  indicatorId: identifier('指标编号').optional(),
  causes: z.array(oneOf(DEVIATION_CAUSES, '偏差原因')).max(5).default([]),
  likelihood: oneOf(LIKELIHOODS, '完成目标可能性').optional(),
  explanation: text('原因说明', 2000).optional(),
  forecast: text('全年预计值', 200).optional(),
});
/** 方案指定: which profiles a department's year is monitored (checkpoints, alerts) and scored (自评) under. */
export const AssignProfileFields = z.object({
  ...base,
  command: z.literal('AssignProfile'),
  departmentCode: identifier('部门编码'),
  fiscalYear,
  monitoring: identifier('监控方案').optional(),
  evaluation: identifier('评价方案').optional(),
});
export const AssignProfile = AssignProfileFields.refine((command) => command.monitoring !== undefined || command.evaluation !== undefined, {
    message: '须给出 monitoring 或 evaluation 方案 / give a monitoring or an evaluation profile',
    path: ['monitoring'],
  });

export const COMMAND_SCHEMAS = {
  RegisterDepartment,
  RegisterProject,
  IssueBudget,
  AdjustBudget,
  RecordFundsArrival,
  RecordPayment,
  ReversePayment,
  SetIndicator,
  RecordIndicatorActual,
  CloseProject,
  SetDepartmentText,
  RecordManualScore,
  RecordQualitativeAssessment,
  RecordStatedFigure,
  RecordIndicatorScore,
  SetProjectText,
  RecordMonitoringAssessment,
  AssignProfile,
  AllocateBudget,
  CarryForward,
  CancelBalance,
} as const;

export type CommandName = keyof typeof COMMAND_SCHEMAS;
export const COMMAND_NAMES = Object.keys(COMMAND_SCHEMAS) as CommandName[];

export type LedgerCommand = { [K in CommandName]: z.output<(typeof COMMAND_SCHEMAS)[K]> }[CommandName];
export type CommandOf<K extends CommandName> = Extract<LedgerCommand, { command: K }>;
