import Decimal from 'decimal.js';

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
  const scaled = new Decimal(yuan).times(100);
  if (!scaled.isInteger()) throw new RangeError(`amount with more than 2 decimals: ${yuan}`);
  return BigInt(scaled.toFixed(0));
}

/** "1234.50", "-0.07"; exactly "0" for zero (compute-progress skips zero measures by that text). */
export function yuanOfFen(fen: bigint): string {
  if (fen === 0n) return '0';
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const cents = String(abs % 100n).padStart(2, '0');
  return `${negative ? '-' : ''}${abs / 100n}.${cents}`;
}
