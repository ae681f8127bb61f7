import Decimal from 'decimal.js';

/**
 * Our own Decimal constructor: 40 significant digits (amounts are < 10^13 元 with 2 decimals, sums of
 * millions of them stay exact) and half-up rounding, without touching the global decimal.js config.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

export const ZERO = new Money(0);
/** Amounts must stay below 10^13 元. */
export const AMOUNT_LIMIT = new Money('1e13');

let lastText: string | undefined;
let lastMoney: Decimal = ZERO;

/**
 * An amount as a Decimal. The last string converted is remembered (Decimals are immutable, so sharing one is safe):
 * a command's amount is read by its decision and again by the evolution of the event it yields.
 */
export function money(value: Decimal.Value): Decimal {
  if (typeof value !== 'string') return new Money(value);
  if (value !== lastText) {
    lastMoney = new Money(value);
    lastText = value;
  }
  return lastMoney;
}

/** 元 with 2 decimals, e.g. "12852100.00". */
export const formatYuan = (value: Decimal): string => value.toFixed(2, Decimal.ROUND_HALF_UP);

/** 万元 with 2 decimals, as Chinese reports print them. */
export const formatWan = (value: Decimal): string => value.div(10_000).toFixed(2, Decimal.ROUND_HALF_UP);

/** part / whole as a percent string with 2 decimals (half-up), or null when whole is zero. */
export function percent(part: Decimal, whole: Decimal, decimals = 2): string | null {
  if (whole.isZero()) return null;
  return part.times(100).div(whole).toFixed(decimals, Decimal.ROUND_HALF_UP);
}

/** Sum without spreading big arrays into Decimal.sum (it overflows the stack near 70k items). */
export function sum(values: Iterable<Decimal>): Decimal {
  let total: Decimal = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}
