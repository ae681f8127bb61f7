import { describe, expect, it } from 'vitest';
import { fenOf, yuanOfFen } from './fen';

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
});
