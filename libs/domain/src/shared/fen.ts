import { money } from './money';

/**
 * Integer fen (分) as bigint: the read model's packed storage of 元 amounts. Exact (no JS number ever holds money);
 * amounts enter as the events' decimal strings (at most 2 decimals) and leave as 元 decimal strings.
 */
const PLAIN = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

export function fenOf(yuan: string): bigint {
  const match = PLAIN.exec(yuan);
  if (match) {
    const fen = BigInt(`${match[2]}${(match[3] ?? '').padEnd(2, '0')}`);
    return match[1] === '-' ? -fen : fen;
  }
  const scaled = money(yuan).times(100);
  if (!scaled.isInteger()) throw new RangeError(`amount with more than 2 decimals: ${yuan}`);
  return BigInt(scaled.toFixed(0));
}

/** "1234.50", "-0.07"; exactly "0" for zero (compute-progress skips zero measures by that text). */
export function yuanOfFen(fen: bigint): string {
  return fen === 0n ? '0' : formatFen(fen);
}

/** 元 with 2 decimals, as formatYuan prints a Decimal: "0.00", "-12.30". */
export function formatFen(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** num / den rounded half-up (ties away from zero) to an integer, exactly: den ≠ 0. */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  const negative = num !== 0n && num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  let quotient = a / b;
  if (2n * (a % b) >= b) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * num / den in hundredths, rounded half-up, as a decimal text with 2 decimals ("12.34"), signed as decimal.js prints
 * it: a negative quotient that rounds to zero is "-0.00".
 */
export function hundredthsText(num: bigint, den: bigint): string {
  const negative = num !== 0n && num < 0n !== den < 0n;
  const hundredths = divRoundHalfUp(num < 0n ? -num : num, den < 0n ? -den : den);
  return `${negative ? '-' : ''}${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/**
 * part / whole in percent with 2 decimals, half-up (away from zero), null for a zero whole: what the domain's
 * `percent` gives for the same amounts, computed exactly on integers.
 */
export function percentOfFen(part: bigint, whole: bigint): string | null {
  return whole === 0n ? null : hundredthsText(part * 10_000n, whole);
}
