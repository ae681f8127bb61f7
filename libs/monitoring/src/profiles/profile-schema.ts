import { z } from 'zod';

const DECIMAL = /^\d+(\.\d+)?$/;
/** A non-negative decimal written as a string (percent points, weights, ratios): never a JS number. */
const decimalText = (what: string) =>
  z.string({ error: `${what}须为小数字符串 / ${what} must be a decimal string such as "40" or "0.8"` }).regex(DECIMAL, {
    message: `${what}须为小数字符串 / ${what} must be a decimal string such as "40" or "0.8"`,
  });
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** 检查点: a month-day of the fiscal year with its scoring target T and alert line A. */
export const CheckpointSpec = z.object({
  /** MM-DD, e.g. "06-30" */
  monthDay: z.string().regex(MONTH_DAY, { message: '检查点日期须为 MM-DD / checkpoint monthDay must be MM-DD' }),
  label: z.string().min(1).optional(),
  /** T in percent, or "elapsed" = 序时进度 at that date */
  target: z.union([z.literal('elapsed'), decimalText('目标进度 target')]),
  /** A in percent, or a factor of T ({ "ofTarget": "0.8" }) */
  alertLine: z.union([decimalText('预警线 alertLine'), z.object({ ofTarget: decimalText('ofTarget') }).strict()]),
  weight: decimalText('分值 weight'),
}).strict();

const ruleBase = { enabled: z.boolean().default(true), severity: z.enum(['red', 'yellow']) };

/** Alert rules: each can be switched off and tuned per profile. */
export const AlertRulesSpec = z.object({
  /** 执行进度低于检查点目标/预警线 */
  behindSchedule: z.object({ ...ruleBase, severity: z.enum(['red', 'yellow']).default('red'), includeYellow: z.boolean().default(true) }).strict(),
  /** 资金到位率过低 (only when the department records arrivals at all) */
  lowArrival: z.object({ ...ruleBase, minArrivalRate: decimalText('minArrivalRate') }).strict(),
  /** 长期未支付而有结余 (idle funds) */
  idleFunds: z.object({ ...ruleBase, days: z.number().int().positive() }).strict(),
  /** 调整幅度过大: Σ|调整| / 年初预算 */
  largeAdjustments: z.object({ ...ruleBase, maxPercentOfInitial: decimalText('maxPercentOfInitial') }).strict(),
  /** 指标进度落后于按序时折算的目标 (numeric targets only) */
  indicatorBehind: z.object({ ...ruleBase, tolerancePoints: decimalText('tolerancePoints').default('0') }).strict(),
  /** 双监控偏差: |指标完成率 − 执行进度| > gapPoints */
  dualGap: z.object({ ...ruleBase, gapPoints: decimalText('gapPoints') }).strict(),
  /** 年末预测执行率 (run-rate) below minPercent */
  yearEndForecast: z.object({ ...ruleBase, minPercent: decimalText('minPercent') }).strict(),
  /** 超预算支付被拒: raised when a payment is refused for exceeding the available budget, once per project and month */
  overspendAttempt: z.object(ruleBase).strict().default({ enabled: true, severity: 'yellow' }),
}).strict();

export const ProfileSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: '名称只能含小写字母、数字和 - / name: lowercase letters, digits and -' }),
  title: z.string().min(1),
  /** Where the numbers come from; "inferred" rules say so here. */
  source: z.string().optional(),
  /** 序时进度: months elapsed / 12, or days elapsed / days in the year */
  elapsedMode: z.enum(['months', 'days']),
  checkpoints: z.array(CheckpointSpec).min(1),
  /** Colour bands: green p ≥ T, yellow A ≤ p < T, red p < A (fixed; the lines themselves are per checkpoint) */
  scoring: z.object({ rule: z.literal('checkpoint-ratio') }).strict(),
  alertRules: AlertRulesSpec,
  /** What a payment above the available budget does: the domain refuses it (stop) or it only warns */
  overspendPolicy: z.enum(['stop', 'warn']),
  /** A red item must be answered (继续执行 / 调剂 / 取消) within this many days, else 暂停 */
  responseDeadline: z.object({ days: z.number().int().positive(), kind: z.enum(['working', 'calendar']) }).strict(),
}).strict().superRefine((profile, ctx) => {
  const dates = profile.checkpoints.map((c) => c.monthDay);
  if (new Set(dates).size !== dates.length) ctx.addIssue({ code: 'custom', path: ['checkpoints'], message: '检查点日期重复 / duplicate checkpoint dates' });
  if ([...dates].sort().join() !== dates.join()) ctx.addIssue({ code: 'custom', path: ['checkpoints'], message: '检查点须按日期排序 / checkpoints must be in date order' });
});

export type Profile = z.output<typeof ProfileSchema>;
export type CheckpointSpec = z.output<typeof CheckpointSpec>;
export type AlertRules = z.output<typeof AlertRulesSpec>;
export type AlertRuleName = keyof AlertRules;
