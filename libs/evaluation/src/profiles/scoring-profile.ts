import { z } from 'zod';

const DECIMAL = /^\d+(\.\d+)?$/;
const decimal = (what: string) => z.string({ error: `${what}须为小数字符串 / ${what} must be a decimal string` }).regex(DECIMAL, { message: `${what}须为小数字符串 / ${what} must be a decimal string such as "2" or "0.2"` });

/** Department figures a rule can read (percent values). */
export const METRICS = ['executionRate', 'arrivalRate', 'adjustmentRate', 'transferRate', 'carryoverRate', 'procurementRate', 'publicControlRate', 'threePublicControlRate'] as const;
export type MetricName = (typeof METRICS)[number];
const input = z.enum(METRICS, { error: `input 须为 ${METRICS.join(' / ')} 之一` });

/** domain §5 rule shapes. */
export const RuleSpec = z.discriminatedUnion('shape', [
  /** w × min(x / target, 1); target in percent, default 100 */
  z.object({ shape: z.literal('ratio'), input, target: decimal('target').default('100') }).strict(),
  /** full w when x ≥ threshold, else w × x / 100 */
  z.object({ shape: z.literal('ratio-with-threshold'), input, threshold: decimal('threshold') }).strict(),
  /** full w when x ≤ target, else w − k × (x − target), floor 0 */
  z.object({ shape: z.literal('reverse'), input, target: decimal('target'), k: decimal('k') }).strict(),
  /** w − k × x, floor 0 */
  z.object({ shape: z.literal('deduct-per-percent'), input, k: decimal('k') }).strict(),
  /** Σ w_i × min(p_i / T_i, 1) over the monitoring profile's checkpoints */
  z.object({ shape: z.literal('checkpoint-ratio'), checkpointProfile: z.string().optional() }).strict(),
  /** anchors full F, pass Q (60% of w), zero Z */
  z.object({ shape: z.literal('piecewise'), input, full: decimal('full'), pass: decimal('pass'), zero: decimal('zero') }).strict(),
  /** ranges -> points: the first band with x ≤ upTo (inclusive; null = everything else) */
  z.object({ shape: z.literal('bands'), input, bands: z.array(z.object({ upTo: decimal('upTo').nullable(), points: decimal('points') }).strict()).min(1) }).strict(),
  /** 达成 / 部分达成 / 未达成 from a recorded assessment */
  z.object({ shape: z.literal('qualitative') }).strict(),
  /** a score entered by a person (RecordManualScore) */
  z.object({ shape: z.literal('manual') }).strict(),
]);

export const ItemSpec = z.object({ name: z.string().min(1), weight: decimal('分值 weight'), rule: RuleSpec, note: z.string().optional() }).strict();

/** A section of rules, or the indicator table scored by level-1 weights (unless the indicators carry their own). */
export const SectionSpec = z.union([
  z.object({ name: z.string().min(1), items: z.array(ItemSpec).min(1) }).strict(),
  z.object({
    name: z.string().min(1),
    indicators: z.object({ weights: z.record(z.string(), decimal('weight')) }).strict(),
  }).strict(),
]);

/** The execution row of a project form: 预算执行率 by a ratio (national: 10 × min(rate, 100%)) or a threshold (seed 002). */
const ExecutionRule = z.union([
  z.object({ shape: z.literal('ratio'), input: z.literal('executionRate'), target: decimal('target').default('100') }).strict(),
  z.object({ shape: z.literal('ratio-with-threshold'), input: z.literal('executionRate'), threshold: decimal('threshold') }).strict(),
]);

/** A row of the project 自评打分表 that is no indicator (决策 / 过程): scored by the office (manual) or the execution rule. */
const ScoringTableRow = z.object({
  level1: z.string().min(1), level2: z.string().min(1), name: z.string().min(1),
  standard: z.string().default(''), criteria: z.string().default(''), weight: decimal('分值 weight'),
  rule: z.enum(['manual', 'execution']).default('manual'),
}).strict();

export const ProjectFormSpec = z.object({
  execution: z.object({ weight: decimal('weight'), rule: ExecutionRule }).strict(),
  /** indicator 分值 are rescaled to this total when they do not add up to it (national: 90) */
  indicatorTotal: decimal('indicatorTotal').optional(),
  /** a level's weight shared evenly among its indicators that carry no 分值 of their own */
  levelWeights: z.record(z.string(), decimal('weight')),
  /** the project 自评打分表 (seed 002): its 决策 / 过程 rows, then the indicators under the table's own level names */
  scoringTable: z.object({
    title: z.string().min(1),
    rows: z.array(ScoringTableRow).min(1),
    levelNames: z.record(z.string(), z.string()).default({}),
    /** 满意度 rows: 满分 at the target, 合格 / 零分 anchors (percent) between which the seed interpolates */
    satisfaction: z.object({ pass: decimal('pass'), zero: decimal('zero') }).strict().optional(),
    note: z.string().optional(),
  }).strict().optional(),
}).strict();

/** How a profile's forms print amounts (architecture §9: 万元 with 2 decimals unless it says otherwise). */
const DisplaySpec = z.object({ unit: z.enum(['元', '万元']), decimals: z.number().int().min(0).max(6) }).strict();

export const ScoringProfileSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  /** where each rule comes from; inferred rules say so */
  source: z.string().optional(),
  /** the monitoring profile whose checkpoints feed checkpoint-ratio (default: same name) */
  checkpointProfile: z.string().optional(),
  /** projects below this execution rate are findings (percent) */
  findingThreshold: decimal('findingThreshold').default('90'),
  sections: z.array(SectionSpec).min(1),
  /** the per-project 自评表 (and 打分表) of this profile; absent: the national form */
  project: ProjectFormSpec.optional(),
  /** the per-project form the profile files: 项目支出绩效自评表 (default) or 项目绩效目标完成情况表 (四川 2019 部门决算, seed 000) */
  projectForm: z.enum(['self-evaluation', 'completion']).optional(),
  display: DisplaySpec.optional(),
  /** 资金来源 the profile's forms list (labels as printed) */
  fundSources: z.array(z.string().min(1)).optional(),
}).strict();

export type ProjectFormSpec = z.output<typeof ProjectFormSpec>;

export type ScoringProfile = z.output<typeof ScoringProfileSchema>;
export type RuleSpec = z.output<typeof RuleSpec>;
export type ItemSpec = z.output<typeof ItemSpec>;
export type SectionSpec = z.output<typeof SectionSpec>;
export const isIndicatorSection = (section: SectionSpec): section is Extract<SectionSpec, { indicators: unknown }> => 'indicators' in section;
