import type Decimal from 'decimal.js';
import { Money, daysInMonth } from '@bem/domain';
import { type Fraction, fractionOf } from '../alerts/exact-ratio';
import type { CheckpointSpec, Profile } from './profile-schema';

const HUNDRED = new Money(100);

/** 序时进度 at a date as an exact fraction: months elapsed / 12, or days elapsed / days in year. */
export function elapsedFraction(date: string, mode: Profile['elapsedMode']): Fraction {
  const [year, month, day] = date.split('-').map(Number);
  if (mode === 'days') {
    const dayOfYear = (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
    const daysInYear = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
    return { num: BigInt(dayOfYear), den: BigInt(daysInYear) };
  }
  // A month counts once its last day is over: 06-30 -> 6/12, 06-15 -> 5/12.
  const months = day >= daysInMonth(year, month) ? month : month - 1;
  return { num: BigInt(months), den: 12n };
}

/** 序时进度 at a date, as a fraction (0..1). */
export const elapsedShare = (date: string, mode: Profile['elapsedMode']): Decimal => decimalOf(elapsedFraction(date, mode));

const decimalOf = (fraction: Fraction): Decimal => new Money(fraction.num.toString()).div(fraction.den.toString());
const percentFraction = (value: string): Fraction => {
  const { num, den } = fractionOf(value);
  return { num, den: den * 100n };
};

/** A checkpoint of a fiscal year with its lines as fractions (T, A) and its weight. */
export interface CheckpointLines {
  date: string;
  label: string;
  target: Decimal;
  alertLine: Decimal;
  weight: Decimal;
  /** The same lines exactly (an elapsed target is months / 12, not its 40 digits): what the rules compute with */
  exact: { target: Fraction; alertLine: Fraction; weight: Fraction };
}

/** Lines from their exact fractions (the Decimals are derived). */
export function linesOf(date: string, label: string, exact: CheckpointLines['exact']): CheckpointLines {
  return { date, label, target: decimalOf(exact.target), alertLine: decimalOf(exact.alertLine), weight: decimalOf(exact.weight), exact };
}

export function checkpointLines(spec: CheckpointSpec, fiscalYear: number, profile: Profile): CheckpointLines {
  const date = `${fiscalYear}-${spec.monthDay}`;
  const target = spec.target === 'elapsed' ? elapsedFraction(date, profile.elapsedMode) : percentFraction(String(spec.target));
  const ofTarget = typeof spec.alertLine === 'string' ? null : fractionOf(String(spec.alertLine.ofTarget));
  const alertLine = ofTarget ? { num: target.num * ofTarget.num, den: target.den * ofTarget.den } : percentFraction(spec.alertLine as string);
  return linesOf(date, spec.label ?? spec.monthDay, { target, alertLine, weight: fractionOf(String(spec.weight)) });
}

/** Every checkpoint of the profile in the fiscal year, in date order. */
export const checkpointsOf = (profile: Profile, fiscalYear: number): CheckpointLines[] =>
  profile.checkpoints.filter((spec) => isRealDay(fiscalYear, spec.monthDay)).map((spec) => checkpointLines(spec, fiscalYear, profile));

/** 02-29 only exists in leap years. */
const isRealDay = (year: number, monthDay: string) => Number(monthDay.slice(3)) <= daysInMonth(year, Number(monthDay.slice(0, 2)));

/** A fraction as a percent string with 2 decimals, half-up. */
export const asPercent = (fraction: Decimal): string => fraction.times(HUNDRED).toFixed(2, Money.ROUND_HALF_UP);
