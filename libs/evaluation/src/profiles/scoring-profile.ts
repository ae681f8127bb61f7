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
}).strict();

export type ScoringProfile = z.output<typeof ScoringProfileSchema>;
export type RuleSpec = z.output<typeof RuleSpec>;
export type ItemSpec = z.output<typeof ItemSpec>;
export type SectionSpec = z.output<typeof SectionSpec>;
export const isIndicatorSection = (section: SectionSpec): section is Extract<SectionSpec, { indicators: unknown }> => 'indicators' in section;
