/** 计量单位: what a target's unit measures and how it converts to the base unit of that measure. */
export type Dimension = 'money' | 'percent' | 'count' | 'duration' | 'number';

export interface UnitInfo {
  /** The unit as written ("万元", "%", "人次", "个月"); "" when none. */
  text: string;
  dimension: Dimension;
  /** Base unit values are normalised to: 元, %, the count noun, 秒 / 月 / 工作日, or "" */
  base: string;
  /** base = value × factor (decimal string) */
  factor: string;
}

const MONEY: Record<string, string> = { 元: '1', 千元: '1000', 万元: '10000', 百万元: '1000000', 亿元: '100000000' };
const COUNT_NOUNS = ['人次', '人', '次', '个', '家', '项', '份', '户', '件', '台', '套', '场', '篇', '条', '所', '名', '批', '期', '张', '本', '册', '节', '课时', '分', '天次', '例', '起', '处', '座', '辆', '部', '种', '类', '批次', '单'];
const DURATION: Record<string, [string, string]> = {
  秒: ['秒', '1'],
  秒钟: ['秒', '1'],
  分钟: ['秒', '60'],
  小时: ['秒', '3600'],
  天: ['秒', '86400'],
  日: ['秒', '86400'],
  周: ['秒', '604800'],
  工作日: ['工作日', '1'],
  个工作日: ['工作日', '1'],
  月: ['月', '1'],
  个月: ['月', '1'],
  年: ['月', '12'],
};

/** The unit named by `text`, or null when we do not know it (the caller reports the whole expression). */
export function unitOf(text: string): UnitInfo | null {
  const unit = text.trim();
  if (unit === '') return { text: '', dimension: 'number', base: '', factor: '1' };
  if (unit === '%' || unit === '％' || unit === '百分比') return { text: unit, dimension: 'percent', base: '%', factor: '1' };
  if (MONEY[unit]) return { text: unit, dimension: 'money', base: '元', factor: MONEY[unit] };
  const perHead = /^(元|万元)\/(人|户|人次|次)$/.exec(unit);
  if (perHead) return { text: unit, dimension: 'money', base: `元/${perHead[2]}`, factor: MONEY[perHead[1]] };
  if (DURATION[unit]) return { text: unit, dimension: 'duration', base: DURATION[unit][0], factor: DURATION[unit][1] };
  if (COUNT_NOUNS.includes(unit)) return { text: unit, dimension: 'count', base: unit, factor: '1' };
  if (unit.startsWith('万') && COUNT_NOUNS.includes(unit.slice(1))) {
    return { text: unit, dimension: 'count', base: unit.slice(1), factor: '10000' };
  }
  if (unit.startsWith('亿') && COUNT_NOUNS.includes(unit.slice(1))) {
    return { text: unit, dimension: 'count', base: unit.slice(1), factor: '100000000' };
  }
  return null;
}

/** Two units measure the same thing (values in them can be compared after normalising). */
export const sameMeasure = (a: UnitInfo, b: UnitInfo): boolean => a.dimension === b.dimension && a.base === b.base;
