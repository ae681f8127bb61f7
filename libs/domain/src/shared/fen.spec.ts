import { describe, expect, it } from 'vitest';
import { Money, formatYuan, percent } from './money';
import { fenOf, formatFen, percentOfFen, yuanOfFen } from './fen';

describe('fen', () => {
  it.each([
    ['0', 0n, '0'],
    ['12', 1200n, '12.00'],
    ['12.3', 1230n, '12.30'],
    ['-0.07', -7n, '-0.07'],
    ['9007199254740993.99', 900719925474099399n, '9007199254740993.99'],
    ['1e3', 100000n, '1000.00'],
  ])('%s yuan = %s fen, back as %s', (text, fen, back) => {
    expect(fenOf(text)).toBe(fen);
    expect(yuanOfFen(fen)).toBe(back);
  });

  it('refuses a third decimal instead of rounding it away', () => {
    expect(() => fenOf('1.005')).toThrow(/more than 2 decimals/);
  });

  it('formats and divides exactly as the domain does with decimals (20,000 random pairs, signs, zeros, ties)', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const amount = (): bigint => {
      const kind = next() % 6;
      if (kind === 0) return 0n;
      const magnitude = BigInt(next()) * BigInt(next() % (kind === 1 ? 2 : 100_000)) + BigInt(next() % 1000);
      return next() % 4 === 0 ? -magnitude : magnitude;
    };
    const ties: [bigint, bigint][] = [[1n, 8n], [-1n, 8n], [5n, 10_000_000n], [-5n, 10_000_000n], [3n, 2_000_000n]];
    const pairs: [bigint, bigint][] = [...ties, ...Array.from({ length: 20_000 }, () => [amount(), amount()] as [bigint, bigint])];
    for (const [part, whole] of pairs) {
      const [p, w] = [new Money(part.toString()).div(100), new Money(whole.toString()).div(100)];
      expect(percentOfFen(part, whole), `${part}/${whole}`).toBe(percent(p, w));
      expect(formatFen(part)).toBe(formatYuan(p));
    }
  });
});
