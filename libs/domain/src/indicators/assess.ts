import type Decimal from 'decimal.js';
import { DomainError } from '../shared/errors';
import { Money } from '../shared/money';
import { type ParsedTarget, parseDeadline, parseTarget } from './target-expression';
import { sameMeasure, unitOf } from './units';

/** An actual (实际完成值) read in the target's unit: a number in the target's base unit, a date, or text. */
export type ParsedActual =
  | { kind: 'number'; value: string; text: string }
  | { kind: 'date'; date: string; text: string }
  | { kind: 'parts'; values: (string | null)[]; text: string }
  | { kind: 'text'; text: string };

export const invalidActual = (text: string, target: string, why: string) =>
  new DomainError('INVALID_ACTUAL', 'value', `实际完成值 "${text}" 无法与指标值 "${target}" 比较：${why}`, `actual "${text}" cannot be compared with target "${target}": ${why}`, { value: text, target });

const VALUE = /^\s*(?:[<>=≥≤＞＜＝]+\s*)?(-?\d+(?:\.\d+)?)\s*(\S*?)\s*$/;

/** Reads an actual for a target: "2441" is in the target's unit, "98%" or "6715.75万人" are converted, dates for deadlines. */
export function parseActual(text: string, target: ParsedTarget): ParsedActual {
  if (target.kind === 'qualitative') return { kind: 'text', text };
  if (target.kind === 'composite') return parseParts(text, target);
  if (target.kind === 'deadline') {
    const date = parseDeadline(text.trim());
    if (!date) throw invalidActual(text, target.text, '期限类指标的实际值须为日期 / a deadline target needs a date');
    return { kind: 'date', date, text };
  }
  const match = VALUE.exec(text);
  if (!match) throw invalidActual(text, target.text, '不是数值 / not a number');
  const written = match[2];
  if (written === '') return { kind: 'number', value: new Money(match[1]).times(target.unit.factor).toString(), text };
  const unit = unitOf(written);
  if (!unit || !sameMeasure(unit, target.unit)) throw invalidActual(text, target.text, `单位 "${written}" 与指标单位 "${target.unit.text}" 不一致 / unit differs`);
  return { kind: 'number', value: new Money(match[1]).times(unit.factor).toString(), text };
}

/** `3个市州、6个县` against a composite target: each part's figure found by its unit, null when missing. */
function parseParts(text: string, target: Extract<ParsedTarget, { kind: 'composite' }>): ParsedActual {
  const composite = parseTarget(text);
  const found = composite.kind === 'composite' ? composite.parts : [];
  const values = target.parts.map((part) => found.find((candidate) => candidate.unit.base === part.unit.base)?.value ?? null);
  if (values.every((value) => value === null)) throw invalidActual(text, target.text, '未找到各分项的数值 / no figure for any part');
  return { kind: 'parts', values, text };
}

export interface Assessment {
  /** true / false, null when there is no actual or the target is qualitative (a person assesses it) */
  met: boolean | null;
  /** Degree of attainment 0..1 used by the `ratio` rule; null when not computable */
  attainment: Decimal | null;
}

const ONE = new Money(1);
const ratio = (part: Decimal, whole: Decimal): Decimal => (whole.isZero() ? ONE : Money.min(Money.max(part.div(whole), 0), 1));

/** Met / not met and the attainment ratio of an actual against its target. */
export function assess(target: ParsedTarget, actual: ParsedActual | null): Assessment {
  if (!actual || target.kind === 'qualitative' || actual.kind === 'text') return { met: null, attainment: null };
  if (target.kind === 'composite') {
    if (actual.kind !== 'parts') return { met: null, attainment: null };
    const shares = target.parts.map((part, i) => (actual.values[i] === null ? new Money(0) : ratio(new Money(actual.values[i] as string), new Money(part.value))));
    const attainment = shares.reduce((total, share) => total.plus(share), new Money(0)).div(shares.length);
    return { met: shares.every((share) => share.gte(1)), attainment };
  }
  if (target.kind === 'deadline') {
    if (actual.kind !== 'date') return { met: null, attainment: null };
    const met = actual.date <= target.date;
    return { met, attainment: met ? ONE : new Money(0) };
  }
  if (actual.kind !== 'number') return { met: null, attainment: null };
  const value = new Money(actual.value);
  if (target.kind === 'range') {
    const [min, max] = [new Money(target.min), new Money(target.max)];
    if (value.gte(min) && value.lte(max)) return { met: true, attainment: ONE };
    return { met: false, attainment: value.lt(min) ? ratio(value, min) : ratio(max, value) };
  }
  const goal = new Money(target.value);
  switch (target.operator) {
    case '>':
      return { met: value.gt(goal), attainment: ratio(value, goal) };
    case '>=':
    case '=':
      return { met: value.gte(goal), attainment: ratio(value, goal) };
    case '<':
      return { met: value.lt(goal), attainment: value.lt(goal) ? ONE : ratio(goal, value) };
    case '<=':
      return { met: value.lte(goal), attainment: value.lte(goal) ? ONE : ratio(goal, value) };
    default: {
      const unhandled: never = target;
      throw new Error(`unhandled target ${JSON.stringify(unhandled)}`);
    }
  }
}
