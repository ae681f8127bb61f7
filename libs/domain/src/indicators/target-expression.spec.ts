import { describe, expect, it } from 'vitest';
import { assess, parseActual } from './assess';
import { parseTarget, targetWarning } from './target-expression';

describe('target expressions (绩效指标值)', () => {
  it.each([
    ['>14804万元', 'compare', '>', '148040000', 'money', 'higher'],
    ['=3次', 'compare', '=', '3', 'count', 'higher'],
    ['=100%', 'compare', '=', '100', 'percent', 'higher'],
    ['>=98%', 'compare', '>=', '98', 'percent', 'higher'],
    ['≥90%', 'compare', '>=', '90', 'percent', 'higher'],
    ['<=150万元', 'compare', '<=', '1500000', 'money', 'lower'],
    ['≤30秒', 'compare', '<=', '30', 'duration', 'lower'],
    ['少于6天', 'compare', '<', '518400', 'duration', 'lower'],
    ['不少于6天', 'compare', '>=', '518400', 'duration', 'higher'],
    ['≥2 次', 'compare', '>=', '2', 'count', 'higher'],
    ['95%以上', 'compare', '>=', '95', 'percent', 'higher'],
    ['>183690人', 'compare', '>', '183690', 'count', 'higher'],
    ['100', 'compare', '=', '100', 'number', 'higher'],
  ])('%s', (text, kind, operator, value, dimension, direction) => {
    const target = parseTarget(text);
    expect(target).toMatchObject({ kind, operator, value, direction, text });
    if (target.kind === 'compare') expect(target.unit.dimension).toBe(dimension);
  });

  it('reads ranges, deadlines and qualitative text, keeping the original', () => {
    expect(parseTarget('6-9个月')).toMatchObject({ kind: 'range', min: '6', max: '9', direction: 'range', unit: { base: '月' } });
    expect(parseTarget('2020-12-31前')).toMatchObject({ kind: 'deadline', date: '2020-12-31', direction: 'deadline' });
    expect(parseTarget('2021年6月底前')).toMatchObject({ kind: 'deadline', date: '2021-06-30' });
    for (const text of ['有所提升', '明显提升', '逐步推开', '正常']) expect(parseTarget(text)).toMatchObject({ kind: 'qualitative', text, operator: null });
  });

  it.each(['>=98斤斤', '≥', '2020-02-30前', '9-6个月', '>=9%以下'])('never refuses %s: kept as printed, qualitative, with a warning', (text) => {
    const target = parseTarget(text);
    expect(target).toMatchObject({ kind: 'qualitative', text, operator: null });
    expect(target.kind === 'qualitative' && target.warning).toBeTruthy();
    expect(targetWarning(text)).toContain('定性');
  });

  it('reads the targets exactly as offices print them', () => {
    expect(parseTarget('≥100百分比')).toMatchObject({ kind: 'compare', operator: '>=', value: '100', unit: { dimension: 'percent' }, text: '≥100百分比' });
    expect(parseTarget('实施乡镇社区基层医疗机构37个。')).toMatchObject({ kind: 'compare', operator: '>=', value: '37', unit: { base: '个' } });
    expect(parseTarget('37个基层医疗机构')).toMatchObject({ kind: 'compare', operator: '>=', value: '37', unit: { base: '个' } });
    expect(parseTarget('=580元/人')).toMatchObject({ kind: 'compare', operator: '=', value: '580', unit: { dimension: 'money', base: '元/人' } });
    const composite = parseTarget('3个市州、6个县');
    expect(composite).toMatchObject({ kind: 'composite', text: '3个市州、6个县' });
    if (composite.kind === 'composite') expect(composite.parts.map((part) => [part.value, part.unit.base])).toEqual([['3', '个市州'], ['6', '个县']]);
    for (const text of ['≥100百分比', '实施乡镇社区基层医疗机构37个。', '37个基层医疗机构', '=580元/人', '3个市州、6个县']) expect(targetWarning(text)).toBeNull();
  });

  it('scores a composite by its parts: all met, or the mean share', () => {
    const target = parseTarget('3个市州、6个县');
    expect(assess(target, parseActual('3个市州、6个县', target))).toMatchObject({ met: true });
    const half = assess(target, parseActual('3个市州、3个县', target));
    expect(half.met).toBe(false);
    expect(half.attainment?.toString()).toBe('0.75');
    expect(assess(parseTarget('=580元/人'), parseActual('600元/人', parseTarget('=580元/人'))).met).toBe(true);
  });

  it.each([
    ['>2460万元', '2441', false, '0.9923'],
    ['>2460万元', '2461', true, '1'],
    ['>183690人', '185164', true, '1'],
    ['=3次', '3', true, '1'],
    ['<=10%', '10', true, '1'],
    ['<=10%', '20%', false, '0.5'],
    ['≤30秒', '1分钟', false, '0.5'],
    ['>=98%', '97', false, '0.9898'],
    ['6-9个月', '10个月', false, '0.9'],
    ['6-9个月', '1年', false, '0.75'],
    ['6-9个月', '7', true, '1'],
    ['2020-12-31前', '2020-11-30', true, '1'],
    ['2020-12-31前', '2021-01-05', false, '0'],
    ['>6000万人', '6715.75万人', true, '1'],
  ])('%s against %s: met %s', (targetText, actualText, met, attainment) => {
    const target = parseTarget(targetText);
    const result = assess(target, parseActual(actualText, target));
    expect(result.met).toBe(met);
    expect(result.attainment?.toDecimalPlaces(4).toString()).toBe(attainment);
  });

  it('has no verdict without an actual or for qualitative targets; refuses an actual in another unit', () => {
    expect(assess(parseTarget('>=98%'), null)).toEqual({ met: null, attainment: null });
    expect(assess(parseTarget('有所提升'), parseActual('明显提升', parseTarget('有所提升'))).met).toBeNull();
    expect(() => parseActual('98人', parseTarget('>=98%'))).toThrow(/98人/);
    expect(() => parseActual('很好', parseTarget('2020-12-31前'))).toThrow();
  });
});
