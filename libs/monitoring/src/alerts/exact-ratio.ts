import type Decimal from 'decimal.js';
import { Money, divRoundHalfUp, hundredthsText } from '@bem/domain';

/**
 * A rate or line as an exact fraction num / den (den > 0): the rules compare and round amounts in integer fen
 * against it, with no division and no Decimal per project (the rules run for every project at every checkpoint).
 */
export interface Fraction {
  num: bigint;
  den: bigint;
}

const fractions = new Map<string, Fraction>();

/** A decimal value (a profile's limit, a checkpoint line) as the fraction its decimal digits state exactly. */
export function fractionOf(value: Decimal.Value): Fraction {
  const text = typeof value === 'string' ? value : new Money(value).toFixed();
  let fraction = fractions.get(text);
  if (!fraction) {
    const plain = new Money(text).toFixed();
    const [whole, decimals = ''] = plain.split('.');
    fraction = { num: BigInt(`${whole}${decimals}`), den: 10n ** BigInt(decimals.length) };
    fractions.set(text, fraction);
  }
  return fraction;
}

/** part / whole ≥ limit (whole ≠ 0), without dividing: part × den ≥ num × whole, the other way round for a negative whole. */
export function ratioAtLeast(part: bigint, whole: bigint, limit: Fraction): boolean {
  const left = part * limit.den;
  const right = limit.num * whole;
  return whole > 0n ? left >= right : left <= right;
}

export function ratioAbove(part: bigint, whole: bigint, limit: Fraction): boolean {
  const left = part * limit.den;
  const right = limit.num * whole;
  return whole > 0n ? left > right : left < right;
}

/** (part / whole) × factor in percent, 2 decimals half-up ("12.34"); whole ≠ 0. */
export const percentText = (part: bigint, whole: bigint, factor: Fraction = { num: 1n, den: 1n }): string =>
  hundredthsText(part * factor.num * 10_000n, whole * factor.den);

/** part / limit in fen, rounded half-up: an amount divided by a rate (a run-rate projection). */
export const fenDividedBy = (fen: bigint, by: Fraction): bigint => divRoundHalfUp(fen * by.den, by.num);
