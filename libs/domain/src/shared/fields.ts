import { z } from 'zod';
import { isCalendarDate } from './dates';
import { AMOUNT_LIMIT, Money, formatYuan } from './money';

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

type AmountRule = 'positive' | 'non-zero' | 'non-negative';

const ruleText: Record<AmountRule, [string, string]> = {
  positive: ['须为正数', 'must be positive'],
  'non-zero': ['不能为零', 'must not be zero'],
  'non-negative': ['不能为负数', 'must not be negative'],
};

/** Why a money string is refused, or null when it is fine. */
export function amountProblem(text: string, rule: AmountRule): string | null {
  if (!DECIMAL.test(text)) return `不是有效金额（应为 "1234.56" 形式的字符串）/ not a decimal amount in 元, e.g. "1234.56"`;
  const decimals = text.split('.')[1]?.length ?? 0;
  if (decimals > 2) return `金额最多两位小数 / at most 2 decimals (got ${decimals})`;
  const value = new Money(text);
  const [zh, en] = ruleText[rule];
  if (rule === 'positive' && value.lte(0)) return `金额${zh} / amount ${en}`;
  if (rule === 'non-zero' && value.isZero()) return `调整额${zh} / delta ${en}`;
  if (rule === 'non-negative' && value.isNeg()) return `金额${zh} / amount ${en}`;
  if (value.abs().gte(AMOUNT_LIMIT)) return `金额须小于 10^13 元 / must be below 10^13 元`;
  return null;
}

/** Already canonical: no sign, no leading zeros, exactly 2 decimals, below 10^13 (the common case, checked without Decimal). */
const CANONICAL = /^(0|[1-9]\d{0,12})\.\d{2}$/;

/** A decimal string in 元 (never a JS number), normalised to 2 decimals. */
export function yuan(rule: AmountRule = 'positive') {
  return z
    .string({ error: '金额须为字符串（如 "1234.56"）/ must be a decimal string in 元, e.g. "1234.56"' })
    .transform((text, ctx) => {
      if (CANONICAL.test(text) && (rule === 'non-negative' || text !== '0.00')) return text;
      const problem = amountProblem(text, rule);
      if (!problem) return formatYuan(new Money(text));
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    });
}

export const isoDate = z
  .string({ error: '日期须为 YYYY-MM-DD 字符串 / must be a date string YYYY-MM-DD' })
  .refine(isCalendarDate, { message: '不是有效日期 / not a real calendar date (YYYY-MM-DD)' });

export const isoInstant = z
  .string()
  .refine((text) => /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)), {
    message: '不是有效时间 / not an ISO 8601 instant',
  })
  .transform((text) => new Date(text).toISOString());

export const identifier = (what: string) =>
  z
    .string({ error: `${what}须为字符串 / must be a string` })
    .min(1, { message: `${what}不能为空 / must not be empty` })
    .max(200, { message: `${what}过长 / too long (max 200)` });

export const text = (what: string, max = 2000) =>
  z
    .string({ error: `${what}须为字符串 / must be a string` })
    .trim()
    .min(1, { message: `${what}不能为空 / must not be empty` })
    .max(max, { message: `${what}过长 / too long (max ${max})` });

export const fiscalYear = z
  .number({ error: '预算年度须为整数 / fiscal year must be an integer such as 2020' })
  .int({ message: '预算年度须为整数 / fiscal year must be an integer' })
  .min(2000, { message: '预算年度须在 2000–2100 之间 / fiscal year must be within 2000–2100' })
  .max(2100, { message: '预算年度须在 2000–2100 之间 / fiscal year must be within 2000–2100' });

/** 资金来源: 本级 / 中央 / 省 / 市 / 县 / 地方 / 其他 (a named fund such as 彩票公益金 travels as IssueBudget.fund) */
export const FUND_SOURCES = ['own', 'central', 'provincial', 'municipal', 'county', 'local', 'other'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];
export const FUND_SOURCE_LABELS: Record<FundSource, string> = {
  own: '本级',
  central: '中央',
  provincial: '省级',
  municipal: '市级',
  county: '县级',
  local: '地方',
  other: '其他',
};

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, { error: `${what}须为 ${values.join(' / ')} 之一 / must be one of ${values.join(', ')}` });
}
