import { DomainError } from '../shared/errors';
import { isCalendarDate, daysInMonth } from '../shared/dates';
import { Money } from '../shared/money';
import { type UnitInfo, unitOf } from './units';

export type TargetOperator = '>' | '>=' | '=' | '<=' | '<';
/** higher / lower is better, a range is met inside its bounds, a date is a deadline, text is assessed by a person */
export type TargetDirection = 'higher' | 'lower' | 'range' | 'deadline' | 'qualitative';

interface TargetBase {
  /** The expression exactly as entered (kept for display) */
  text: string;
  direction: TargetDirection;
}

export type ParsedTarget =
  | (TargetBase & { kind: 'compare'; operator: TargetOperator; value: string; unit: UnitInfo; direction: 'higher' | 'lower' })
  | (TargetBase & { kind: 'range'; operator: 'between'; min: string; max: string; unit: UnitInfo; direction: 'range' })
  | (TargetBase & { kind: 'deadline'; operator: '<='; date: string; direction: 'deadline' })
  | (TargetBase & { kind: 'composite'; operator: '>='; parts: CompareTarget[]; direction: 'higher' })
  /** `warning`: set when the text holds figures yet reads as no expression (kept as printed, assessed by a person) */
  | (TargetBase & { kind: 'qualitative'; operator: null; direction: 'qualitative'; warning?: string });

export type CompareTarget = Extract<ParsedTarget, { kind: 'compare' }>;

export const invalidTarget = (text: string, why: string) =>
  new DomainError('INVALID_TARGET', 'target', `无法解析指标值 "${text}"：${why}`, `cannot parse target "${text}": ${why}`, { target: text });

/** Words and signs that mean an operator, longest first so "不少于" wins over "少于". */
const PREFIX: [string, TargetOperator][] = [
  ['大于等于', '>='], ['小于等于', '<='], ['不少于', '>='], ['不低于', '>='], ['不小于', '>='], ['不超过', '<='],
  ['不高于', '<='], ['不大于', '<='], ['至少', '>='], ['达到', '>='], ['少于', '<'], ['低于', '<'], ['小于', '<'],
  ['大于', '>'], ['高于', '>'], ['超过', '>'], ['>=', '>='], ['≥', '>='], ['≧', '>='], ['<=', '<='], ['≤', '<='],
  ['≦', '<='], ['>', '>'], ['＞', '>'], ['<', '<'], ['＜', '<'], ['==', '='], ['=', '='], ['＝', '='],
];
const SUFFIX: [string, TargetOperator][] = [['以上', '>='], ['及以上', '>='], ['以下', '<='], ['以内', '<='], ['及以下', '<=']];

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const RANGE = new RegExp(String.raw`^${NUMBER}\s*([^\d\s\-~～—至到.]*)\s*(?:-|~|～|—|至|到)\s*${NUMBER}\s*(\S*)$`);
const COMPARE = new RegExp(String.raw`^${NUMBER}\s*(.*)$`);
const FULL_DATE = /^(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?\s*(?:前|之前|以前|止)?$/;
const MONTH_END = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:底|末)?\s*(?:前|之前|以前)?$/;

const directionOf = (operator: TargetOperator): 'higher' | 'lower' => (operator === '<' || operator === '<=' ? 'lower' : 'higher');
const normalise = (value: string, unit: UnitInfo) => new Money(value).times(unit.factor).toString();

/**
 * Reads a 指标值 as printed and never refuses it (architecture §10): an expression, a composite of counts
 * (`3个市州、6个县`), a sentence with one number and unit (`实施…37个。` as ≥ 37 个), else qualitative text
 * with a warning saying why it did not read as a figure.
 */
export function parseTarget(raw: string): ParsedTarget {
  try {
    return parseStrictTarget(raw);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return parseComposite(raw) ?? parseSentence(raw) ?? { kind: 'qualitative', operator: null, direction: 'qualitative', text: raw, warning: error.zh };
  }
}

/** A target's warning for an import (the line is named by the caller), or null. */
export const targetWarning = (raw: string): string | null => {
  const target = parseTarget(raw);
  return target.kind === 'qualitative' && target.warning ? `${target.warning}；按定性指标保留原文 / kept as printed, treated as qualitative` : null;
};

const COMPOSITE_SEPARATOR = /[、，,；;和及]/;
const COUNT_PART = /^\s*(\d+(?:\.\d+)?)\s*(个|家|所|人次|人|次|份|项|名)\s*([\u4e00-\u9fa5]{0,6})\s*$/;

/** `3个市州、6个县`: several counts, each at least its figure; the noun after the unit names the part. */
function parseComposite(raw: string): ParsedTarget | null {
  const pieces = raw.trim().replace(/[。.]$/, '').split(COMPOSITE_SEPARATOR);
  if (pieces.length < 2) return null;
  const parts: CompareTarget[] = [];
  for (const piece of pieces) {
    const match = COUNT_PART.exec(piece);
    if (!match) return null;
    const unit: UnitInfo = { text: `${match[2]}${match[3]}`, dimension: 'count', base: `${match[2]}${match[3]}`, factor: '1' };
    parts.push({ kind: 'compare', operator: '>=', value: new Money(match[1]).toString(), unit, direction: 'higher', text: piece.trim() });
  }
  return { kind: 'composite', operator: '>=', parts, direction: 'higher', text: raw };
}

const SENTENCE_FIGURE = /(\d+(?:\.\d+)?)\s*(万人次|人次|万人|万元|亿元|元\/人|个|家|所|人|次|份|项|名|户|%|％)/g;

/** A sentence with exactly one number and unit (`实施乡镇社区基层医疗机构37个。`, `37个基层医疗机构`): at least that many. */
function parseSentence(raw: string): ParsedTarget | null {
  if (/[<>=≥≤≧≦＞＜＝]|以上|以下|以内/.test(raw)) return null;
  const figures = [...raw.matchAll(SENTENCE_FIGURE)];
  if (figures.length !== 1 || (raw.match(/\d+(?:\.\d+)?/g) ?? []).length !== 1) return null;
  const unit = unitOf(figures[0][2]);
  if (!unit) return null;
  return { kind: 'compare', operator: '>=', value: normalise(figures[0][1], unit), unit, direction: 'higher', text: raw };
}

/** The strict grammar: operator, number, unit; a range; a deadline; text without digits. Throws INVALID_TARGET. */
function parseStrictTarget(raw: string): ParsedTarget {
  const text = raw.trim();
  if (text === '') throw invalidTarget(raw, '为空 / empty');
  const deadline = parseDeadline(text);
  if (deadline) return { kind: 'deadline', operator: '<=', date: deadline, direction: 'deadline', text: raw };
  if (!/\d/.test(text) && /^[<>=≥≤≧≦＞＜＝]/.test(text)) throw invalidTarget(raw, '比较符后缺少数值 / operator without a number');
  if (!/\d/.test(text)) return { kind: 'qualitative', operator: null, direction: 'qualitative', text: raw };
  let body = text;
  let operator: TargetOperator | null = null;
  for (const [word, op] of PREFIX) {
    if (body.startsWith(word)) {
      operator = op;
      body = body.slice(word.length).trim();
      break;
    }
  }
  for (const [word, op] of SUFFIX) {
    if (body.endsWith(word)) {
      if (operator && operator !== op) throw invalidTarget(raw, '前后比较符矛盾 / conflicting operators');
      operator = op;
      body = body.slice(0, -word.length).trim();
      break;
    }
  }
  const range = operator ? null : RANGE.exec(body);
  if (range) return parseRange(raw, range);
  const match = COMPARE.exec(body);
  if (!match) throw invalidTarget(raw, '不是 比较符+数值+单位 的形式 / not operator, number and unit');
  const unit = unitOf(match[2]);
  if (!unit) throw invalidTarget(raw, `未知单位 "${match[2].trim()}" / unknown unit`);
  const op = operator ?? '=';
  return { kind: 'compare', operator: op, value: normalise(match[1], unit), unit, direction: directionOf(op), text: raw };
}

function parseRange(raw: string, match: RegExpExecArray): ParsedTarget {
  const unit = unitOf(match[4] || match[2]);
  if (!unit) throw invalidTarget(raw, `未知单位 "${match[4] || match[2]}" / unknown unit`);
  if (match[2] && match[4] && match[2] !== match[4]) throw invalidTarget(raw, '区间两端单位不同 / range bounds in different units');
  const [min, max] = [normalise(match[1], unit), normalise(match[3], unit)];
  if (new Money(min).gt(max)) throw invalidTarget(raw, '区间下限大于上限 / range minimum above maximum');
  return { kind: 'range', operator: 'between', min, max, unit, direction: 'range', text: raw };
}

/** "2020-12-31前", "2020年12月31日前", "2020年6月底前" -> YYYY-MM-DD, or null when the text is no date. */
export function parseDeadline(text: string): string | null {
  const full = FULL_DATE.exec(text);
  if (full) {
    const date = `${full[1]}-${full[2].padStart(2, '0')}-${full[3].padStart(2, '0')}`;
    if (!isCalendarDate(date)) throw invalidTarget(text, '不是有效日期 / not a real date');
    return date;
  }
  const monthEnd = MONTH_END.exec(text);
  if (!monthEnd) return null;
  const [year, month] = [Number(monthEnd[1]), Number(monthEnd[2])];
  if (month < 1 || month > 12) throw invalidTarget(text, '月份无效 / invalid month');
  return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}
