import type Decimal from 'decimal.js';
import { Money, formatFen, formatYuan } from '@bem/domain';
import type { AlertRuleName } from '../profiles/profile-schema';

/** 元 as a sentence prints it: thousands grouped, 2 decimals ("74,080,000.00"). Figures keep plain yuan strings. */
export const groupedYuan = (value: bigint | Decimal.Value): string =>
  (typeof value === 'bigint' ? formatFen(value) : formatYuan(new Money(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export interface Sentence {
  zh: string;
  en: string;
}

/** Whom a finding is about: a project (its id and name) or the department as a whole (projectId null). */
export interface SentenceSubject {
  projectId: string | null;
  name: string;
}

/** Where: the department and the checkpoint (its date and label, "6月"). */
export interface SentencePlace {
  departmentCode: string;
  checkpoint: string;
  label: string;
}

type Figures = Record<string, string | null>;
interface Who {
  zh: string;
  en: string;
}

/**
 * The sentence of each checkpoint rule, from its figures alone: the one place a finding's words are made. The rules
 * word their findings through it, and a batch stores a card's findings without their sentences, read back through
 * it (a season's 30,000 cards would otherwise store every sentence beside the figures it states).
 */
const SENTENCES: Record<AlertRuleName, (f: Figures, who: Who, place: SentencePlace) => Sentence> = {
  behindSchedule: (f, who, place) => {
    const red = f.status === 'red';
    return {
      zh: `${who.zh} ${place.label} 执行进度 ${f.progress}% 低于${red ? `预警线 ${f.alertLine}%` : `目标 ${f.target}%`}`,
      en: `${who.en}: execution ${f.progress}% at ${place.checkpoint} is below the ${red ? `alert line ${f.alertLine}%` : `target ${f.target}%`}`,
    };
  },
  lowArrival: (f, who) => ({
    zh: `${who.zh} 资金到位率 ${f.arrivalRate}% 低于 ${f.threshold}%`,
    en: `${who.en}: funds arrived ${f.arrivalRate}% of budget, below ${f.threshold}%`,
  }),
  idleFunds: (f, who) => ({
    zh: `${who.zh} 已 ${f.idleDays} 天无支付，结余 ${groupedYuan(f.balance ?? 0)} 元`,
    en: `${who.en}: no payment for ${f.idleDays} days while ${f.balance} yuan remain`,
  }),
  largeAdjustments: (f, who) => ({
    zh: `${who.zh} 预算调整 ${f.changeRate}% 超过年初预算的 ${f.threshold}%`,
    en: `${who.en}: adjustments are ${f.changeRate}% of the opening budget, above ${f.threshold}%`,
  }),
  indicatorBehind: (f) => ({
    zh: `指标「${f.indicatorName}」完成 ${f.actual}，低于按序时折算的 ${f.proRatedTarget}${f.unit ?? ''}`,
    en: `indicator ${f.indicatorId}: actual ${f.actual} behind the pro-rated target ${f.proRatedTarget}${f.unit ?? ''}`,
  }),
  dualGap: (f) => ({
    zh: `指标「${f.indicatorName}」完成率 ${f.attainment}% 与执行进度 ${f.progress}% 相差 ${f.gapPoints} 个百分点`,
    en: `indicator ${f.indicatorId}: attainment ${f.attainment}% vs execution ${f.progress}% differ by ${f.gapPoints} pp`,
  }),
  yearEndForecast: (f, who) => ({
    zh: `${who.zh} 按当前进度预计年末执行率 ${f.forecastRate}%，低于 ${f.threshold}%`,
    en: `${who.en}: run-rate forecast ${f.forecastRate}% at year end, below ${f.threshold}%`,
  }),
  overspendAttempt: (f, who) => ({
    zh: `${who.zh} 有 ${f.payments} 笔支付超过可用预算（最近 ${f.lastOn} 支付 ${groupedYuan(f.lastAmount ?? 0)} 元，可用 ${groupedYuan(f.lastAvailable ?? 0)} 元）`,
    en: `${who.en}: ${f.payments} payment(s) above the available budget (last ${f.lastAmount} on ${f.lastOn}, ${f.lastAvailable} available)`,
  }),
};

export const whoOf = (subject: SentenceSubject, departmentCode: string): Who =>
  subject.projectId === null
    ? { zh: '部门整体', en: `department ${departmentCode}` }
    : { zh: `项目「${subject.name}」`, en: `project ${subject.projectId}` };

/** The sentence of a checkpoint rule's finding about a subject at a checkpoint. */
export const sentenceOf = (rule: AlertRuleName, figures: Figures, subject: SentenceSubject, place: SentencePlace): Sentence =>
  SENTENCES[rule](figures, whoOf(subject, place.departmentCode), place);

/** A card's sentence: its findings' sentences joined (red first, as the card lists them). */
export const joinedSentences = (sentences: readonly Sentence[]): Sentence => ({
  zh: sentences.map((sentence) => sentence.zh).join('；'),
  en: sentences.map((sentence) => sentence.en).join('; '),
});
