import type Decimal from 'decimal.js';
import { Money } from '@bem/domain';
import type { RuleSpec } from '../profiles/scoring-profile';

export interface RuleResult {
  score: Decimal;
  /** The rule with the figures filled in, e.g. "2 − 0.2 × 0.70 = 1.86" */
  formula: string;
}

const ZERO = new Money(0);
const HUNDRED = new Money(100);
const d2 = (value: Decimal) => value.toFixed(2, Money.ROUND_HALF_UP);
const show = (value: Decimal.Value) => new Money(value).toString();
const floor0 = (value: Decimal) => Money.max(value, ZERO);

type NumericRule = Exclude<RuleSpec, { shape: 'checkpoint-ratio' | 'qualitative' | 'manual' }>;

/** Scores a value x (a percent) with one of the numeric rule shapes of domain §5; pure, Decimal in and out. */
export function scoreNumeric(rule: NumericRule, weight: Decimal, x: Decimal): RuleResult {
  const w = show(weight);
  switch (rule.shape) {
    case 'ratio': {
      const target = new Money(rule.target);
      const score = target.isZero() ? weight : weight.times(Money.min(x.div(target), 1));
      return { score, formula: `${w} × min(${d2(x)}% / ${show(target)}%, 1) = ${d2(score)}` };
    }
    case 'ratio-with-threshold': {
      const full = x.gte(rule.threshold);
      const score = full ? weight : weight.times(x).div(HUNDRED);
      return { score, formula: full ? `${d2(x)}% ≥ ${rule.threshold}%，得满分 ${w}` : `${w} × ${d2(x)}% = ${d2(score)}` };
    }
    case 'reverse': {
      if (x.lte(rule.target)) return { score: weight, formula: `${d2(x)}% ≤ ${rule.target}%，得满分 ${w}` };
      const score = floor0(weight.minus(new Money(rule.k).times(x.minus(rule.target))));
      return { score, formula: `${w} − ${rule.k} × (${d2(x)} − ${rule.target}) = ${d2(score)}` };
    }
    case 'deduct-per-percent': {
      const score = floor0(weight.minus(new Money(rule.k).times(x)));
      return { score, formula: `${w} − ${rule.k} × ${d2(x)} = ${d2(score)}` };
    }
    case 'piecewise':
      return piecewise(rule, weight, x);
    case 'bands': {
      const band = rule.bands.find((b) => b.upTo === null || x.lte(b.upTo)) ?? { upTo: null, points: '0' };
      const score = Money.min(new Money(band.points), weight);
      return { score, formula: `${d2(x)}% ${band.upTo === null ? '高于各档' : `≤ ${band.upTo}%`} → ${band.points} 分` };
    }
    default: {
      const unhandled: never = rule;
      throw new Error(`unhandled rule ${JSON.stringify(unhandled)}`);
    }
  }
}

/** piecewise: x ≥ F -> w; Q ≤ x < F -> w(0.6 + 0.4(x−Q)/(F−Q)); Z < x < Q -> w(0.6 − 0.6(Q−x)/(Q−Z)); x ≤ Z -> 0. */
function piecewise(rule: Extract<RuleSpec, { shape: 'piecewise' }>, weight: Decimal, x: Decimal): RuleResult {
  const [F, Q, Z] = [new Money(rule.full), new Money(rule.pass), new Money(rule.zero)];
  const w = show(weight);
  if (x.gte(F)) return { score: weight, formula: `${d2(x)} ≥ ${rule.full}，得满分 ${w}` };
  if (x.gte(Q)) {
    const score = weight.times(new Money(0.6).plus(new Money(0.4).times(x.minus(Q)).div(F.minus(Q))));
    return { score, formula: `${w} × (0.6 + 0.4 × (${d2(x)} − ${rule.pass}) / (${rule.full} − ${rule.pass})) = ${d2(score)}` };
  }
  if (x.gt(Z)) {
    const score = weight.times(new Money(0.6).minus(new Money(0.6).times(Q.minus(x)).div(Q.minus(Z))));
    return { score, formula: `${w} × (0.6 − 0.6 × (${rule.pass} − ${d2(x)}) / (${rule.pass} − ${rule.zero})) = ${d2(score)}` };
  }
  return { score: ZERO, formula: `${d2(x)} ≤ ${rule.zero}，得 0 分` };
}

/** 达成 80–100%, 部分达成 60–80%, 未达成 0–60% of w; the recorded percent, else the top of the band. */
export const QUALITATIVE_TOP = { 达成: '100', 部分达成: '80', 未达成: '60' } as const;

export function scoreQualitative(weight: Decimal, level: keyof typeof QUALITATIVE_TOP, percent?: string): RuleResult {
  const share = new Money(percent ?? QUALITATIVE_TOP[level]);
  const score = weight.times(share).div(HUNDRED);
  return { score, formula: `${level}：${show(weight)} × ${share.toString()}% = ${d2(score)}` };
}

/** Reports round each item to 2 decimals and add the rounded figures. */
export const roundScore = (score: Decimal): string => d2(score);
