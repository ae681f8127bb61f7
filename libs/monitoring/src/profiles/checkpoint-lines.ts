import type Decimal from 'decimal.js';
import { Money, daysInMonth } from '@bem/domain';
import type { CheckpointSpec, Profile } from './profile-schema';

const HUNDRED = new Money(100);

/** 序时进度 at a date, as a fraction (0..1): months elapsed / 12, or days elapsed / days in year. */
export function elapsedShare(date: string, mode: Profile['elapsedMode']): Decimal {
  const [year, month, day] = date.split('-').map(Number);
  if (mode === 'days') {
    const dayOfYear = (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
    const daysInYear = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
    return new Money(dayOfYear).div(daysInYear);
  }
  // A month counts once its last day is over: 06-30 -> 6/12, 06-15 -> 5/12.
  const months = day >= daysInMonth(year, month) ? month : month - 1;
  return new Money(months).div(12);
}

/** A checkpoint of a fiscal year with its lines as fractions (T, A) and its weight. */
export interface CheckpointLines {
  date: string;
  label: string;
  target: Decimal;
  alertLine: Decimal;
  weight: Decimal;
}

export function checkpointLines(spec: CheckpointSpec, fiscalYear: number, profile: Profile): CheckpointLines {
  const date = `${fiscalYear}-${spec.monthDay}`;
  const target = spec.target === 'elapsed' ? elapsedShare(date, profile.elapsedMode) : new Money(spec.target).div(HUNDRED);
  const alertLine = typeof spec.alertLine === 'string' ? new Money(spec.alertLine).div(HUNDRED) : target.times(spec.alertLine.ofTarget);
  return { date, label: spec.label ?? spec.monthDay, target, alertLine, weight: new Money(spec.weight) };
}

/** Every checkpoint of the profile in the fiscal year, in date order. */
export const checkpointsOf = (profile: Profile, fiscalYear: number): CheckpointLines[] =>
  profile.checkpoints.filter((spec) => isRealDay(fiscalYear, spec.monthDay)).map((spec) => checkpointLines(spec, fiscalYear, profile));

/** 02-29 only exists in leap years. */
const isRealDay = (year: number, monthDay: string) => Number(monthDay.slice(3)) <= daysInMonth(year, Number(monthDay.slice(0, 2)));

/** A fraction as a percent string with 2 decimals, half-up. */
export const asPercent = (fraction: Decimal): string => fraction.times(HUNDRED).toFixed(2, Money.ROUND_HALF_UP);
