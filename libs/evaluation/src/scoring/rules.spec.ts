import { describe, expect, it } from 'vitest';
import { Money } from '@bem/domain';
import type { RuleSpec } from '../profiles/scoring-profile';
import { roundScore, scoreNumeric, scoreQualitative } from './rules';

type Numeric = Exclude<RuleSpec, { shape: 'checkpoint-ratio' | 'qualitative' | 'manual' }>;
const bands: Numeric = { shape: 'bands', input: 'adjustmentRate', bands: [{ upTo: '0', points: '3' }, { upTo: '10', points: '2' }, { upTo: '20', points: '1' }, { upTo: '30', points: '0.5' }, { upTo: null, points: '0' }] };

describe('scoring rule shapes (domain §5)', () => {
  it.each<[string, Numeric, string, string, string]>([
    ['ratio: 预算完成 28.87% × 4', { shape: 'ratio', input: 'executionRate', target: '100' }, '4', '28.8744', '1.15'],
    ['ratio capped', { shape: 'ratio', input: 'executionRate', target: '90' }, '10', '95', '10.00'],
    ['ratio-with-threshold: below 90%', { shape: 'ratio-with-threshold', input: 'executionRate', threshold: '90' }, '4', '81.72', '3.27'],
    ['ratio-with-threshold: at 90%', { shape: 'ratio-with-threshold', input: 'executionRate', threshold: '90' }, '4', '90', '4.00'],
    ['reverse: within target', { shape: 'reverse', input: 'publicControlRate', target: '100', k: '0.5' }, '5', '54.49', '5.00'],
    ['reverse: 6 points over', { shape: 'reverse', input: 'publicControlRate', target: '100', k: '0.5' }, '5', '106', '2.00'],
    ['reverse: floor 0', { shape: 'reverse', input: 'publicControlRate', target: '100', k: '1' }, '5', '120', '0.00'],
    ['deduct-per-percent: 编制准确 92.47/13264.29', { shape: 'deduct-per-percent', input: 'transferRate', k: '0.2' }, '2', new Money('924700').times(100).div('132642900').toString(), '1.86'],
    ['piecewise: full', { shape: 'piecewise', input: 'executionRate', full: '90', pass: '60', zero: '0' }, '10', '93.8', '10.00'],
    ['piecewise: between pass and full', { shape: 'piecewise', input: 'executionRate', full: '90', pass: '60', zero: '0' }, '10', '75', '8.00'],
    ['piecewise: between zero and pass', { shape: 'piecewise', input: 'executionRate', full: '90', pass: '60', zero: '0' }, '10', '30', '3.00'],
    ['piecewise: at zero', { shape: 'piecewise', input: 'executionRate', full: '90', pass: '60', zero: '0' }, '10', '0', '0.00'],
    ['bands: 0 -> 3', bands, '3', '0', '3.00'],
    ['bands: 8.79% -> 2', bands, '3', '8.79', '2.00'],
    ['bands: 25% -> 0.5', bands, '3', '25', '0.50'],
    ['bands: 74.84% -> 0', bands, '3', '74.84', '0.00'],
  ])('%s', (_name, rule, weight, x, expected) => {
    const result = scoreNumeric(rule, new Money(weight), new Money(x));
    expect(roundScore(result.score)).toBe(expected);
    expect(result.formula).toContain(expected === '3.00' && rule.shape === 'bands' ? '3' : '');
  });

  it.each([
    ['达成', undefined, '5.00'],
    ['部分达成', '70', '3.50'],
    ['未达成', undefined, '3.00'],
  ] as const)('qualitative %s', (level, percent, expected) => {
    expect(roundScore(scoreQualitative(new Money(5), level, percent).score)).toBe(expected);
  });
});
