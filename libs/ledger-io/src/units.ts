import Decimal from 'decimal.js';
import type { FieldIssue } from '@bem/domain';
import type { AmountUnit } from './types';

/** Command fields holding money. */
export const AMOUNT_FIELDS = ['amount', 'delta', 'procurementAmount', 'threePublicAmount'] as const;

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
/** 万元 with at most 6 decimals is a whole number of 分 once multiplied by 10000. */
const MAX_WAN_DECIMALS = 6;

export function parseUnit(text: string | undefined): AmountUnit | null {
  if (text === undefined || text === '' || text === '元' || text.toLowerCase() === 'yuan') return '元';
  if (text === '万元' || text.toLowerCase() === 'wan' || text === '10k') return '万元';
  return null;
}

/** One amount in `unit` as a 元 string; null with a problem when it cannot be converted exactly. */
export function toYuan(text: string, unit: AmountUnit): { value: string } | { problem: string } {
  if (unit === '元' || !DECIMAL.test(text)) return { value: text };
  const decimals = text.split('.')[1]?.length ?? 0;
  if (decimals > MAX_WAN_DECIMALS) {
    return { problem: `万元金额最多 6 位小数 / a 万元 amount has at most 6 decimals (got ${decimals})` };
  }
  return { value: new Decimal(text).times(10_000).toFixed(2) };
}

/** Multiplies the amount fields of a raw command by the unit; other values pass through for the schema to judge. */
export function applyUnit(raw: unknown, unit: AmountUnit): { raw: unknown; issues: FieldIssue[] } {
  if (unit === '元' || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { raw, issues: [] };
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const issues: FieldIssue[] = [];
  for (const field of AMOUNT_FIELDS) {
    const value = copy[field];
    if (typeof value !== 'string') continue;
    const converted = toYuan(value.trim(), unit);
    if ('problem' in converted) issues.push({ field, message: converted.problem });
    else copy[field] = converted.value;
  }
  return { raw: copy, issues };
}
