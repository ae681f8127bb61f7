import { Money } from '@bem/domain';
import { type Fraction, fenDividedBy, fractionOf, percentText, ratioAbove, ratioAtLeast } from './exact-ratio';
import { money } from './project-snapshot';
import { asPercent, checkpointsOf } from '../profiles/checkpoint-lines';
import type { AlertRuleName } from '../profiles/profile-schema';
import { parseActual, parseNumericTarget } from './numeric-target';
import { type Sentence, type SentencePlace, sentenceOf } from './alert-sentences';
import { type AlertDraft, type AlertRule, type RuleContext, type Subject, daysBetween, pct, yuanText } from './rule-context';

const HUNDRED = new Money(100);
/** 100 % and 1/100, as fractions */
const ALL: Fraction = { num: 100n, den: 1n };
const HUNDREDTH: Fraction = { num: 1n, den: 100n };
/**
 * A finding about a subject at a checkpoint. Its sentence is worded from the figures (sentenceOf) when first read:
 * a checkpoint's batch stores findings without sentences, so most are never worded at evaluation.
 */
class RuleDraft implements AlertDraft {
  #sentence: Sentence | undefined;
  readonly #place: SentencePlace;
  constructor(
    readonly rule: AlertRuleName,
    readonly severity: AlertDraft['severity'],
    readonly projectId: string | null,
    readonly name: string,
    readonly checkpoint: string,
    readonly figures: AlertDraft['figures'],
    place: SentencePlace,
  ) {
    this.#place = place;
  }

  get zh(): string {
    return this.#worded().zh;
  }

  get en(): string {
    return this.#worded().en;
  }

  #worded(): Sentence {
    return (this.#sentence ??= sentenceOf(this.rule, this.figures, this, this.#place));
  }
}

const draft = (ctx: RuleContext, subject: Subject, rule: AlertRuleName, severity: AlertDraft['severity'], figures: AlertDraft['figures']): AlertDraft =>
  new RuleDraft(rule, severity, subject.projectId, subject.name, ctx.checkpoint.date, figures, placeOf(ctx));

/** The context's place, once per context (not once per finding). */
const places = new WeakMap<RuleContext, SentencePlace>();
function placeOf(ctx: RuleContext): SentencePlace {
  let place = places.get(ctx);
  if (!place) places.set(ctx, (place = { departmentCode: ctx.departmentCode, checkpoint: ctx.checkpoint.date, label: ctx.checkpoint.label }));
  return place;
}

const everyone = (ctx: RuleContext) => [ctx.department, ...ctx.projects];

/** 执行进度低于检查点: red below the alert line A, yellow between A and T. */
export const behindSchedule: AlertRule = (ctx) => {
  const rule = ctx.profile.alertRules.behindSchedule;
  const found: AlertDraft[] = [];
  for (const subject of everyone(ctx)) {
    const { status, progress, target, alertLine, budget, paid } = subject.figures;
    if (status === null || status === 'green' || (status === 'yellow' && !rule.includeYellow)) continue;
    const severity = status === 'red' ? rule.severity : 'yellow';
    found.push(draft(ctx, subject, 'behindSchedule', severity, { budget, paid, progress, target, alertLine, status }));
  }
  return found;
};

/** 资金到位率过低 (only when the department records arrivals). */
export const lowArrival: AlertRule = (ctx) => {
  const rule = ctx.profile.alertRules.lowArrival;
  if (!ctx.tracksArrivals) return [];
  const minimum = fractionOf(rule.minArrivalRate);
  const found: AlertDraft[] = [];
  for (const subject of ctx.projects) {
    const { budgetCurrent, arrived } = subject.snapshot;
    if (budgetCurrent === 0n || ratioAtLeast(arrived * 100n, budgetCurrent, minimum)) continue;
    found.push(draft(ctx, subject, 'lowArrival', rule.severity, { budget: subject.figures.budget, arrived: yuanText(arrived), arrivalRate: pct(arrived, budgetCurrent), threshold: rule.minArrivalRate }));
  }
  return found;
};

/** 长期未支付而有结余 (idle funds). */
export const idleFunds: AlertRule = (ctx) => {
  const rule = ctx.profile.alertRules.idleFunds;
  const found: AlertDraft[] = [];
  for (const subject of ctx.projects) {
    const s = subject.snapshot;
    const balance = s.budgetCurrent - s.paid;
    const since = s.lastPaymentOn ?? s.firstBudgetOn;
    if (balance <= 0n || since === null) continue;
    const days = daysBetween(since, ctx.checkpoint.date);
    if (days < rule.days) continue;
    found.push(draft(ctx, subject, 'idleFunds', rule.severity, { balance: yuanText(balance), lastPaymentOn: s.lastPaymentOn, idleDays: String(days), thresholdDays: String(rule.days) }));
  }
  return found;
};

/** 调整幅度过大: (Σ|调整| + 追加) / 年初预算 above the limit. */
export const largeAdjustments: AlertRule = (ctx) => {
  const rule = ctx.profile.alertRules.largeAdjustments;
  const limit = fractionOf(rule.maxPercentOfInitial);
  const found: AlertDraft[] = [];
  for (const subject of ctx.projects) {
    const s = subject.snapshot;
    if (s.budgetInitial === 0n || !ratioAbove(s.changes * 100n, s.budgetInitial, limit)) continue;
    found.push(draft(ctx, subject, 'largeAdjustments', rule.severity, { budgetInitial: yuanText(s.budgetInitial), changes: yuanText(s.changes), changeRate: pct(s.changes, s.budgetInitial), threshold: rule.maxPercentOfInitial }));
  }
  return found;
};

/** 指标进度落后: a cumulative numeric target pro-rated by 序时进度 (rates in % are not pro-rated). */
export const indicatorBehind: AlertRule = (ctx) => {
  const rule = ctx.profile.alertRules.indicatorBehind;
  return ctx.projects.flatMap((subject) =>
    subject.snapshot.indicators.flatMap((indicator) => {
      const target = parseNumericTarget(indicator.target);
      if (!target || target.unit === '%' || indicator.actual === null) return [];
      const actual = parseActual(indicator.actual, target.unit);
      const due = target.value.times(ctx.elapsed);
      if (actual === null || due.isZero() || actual.div(due).times(HUNDRED).plus(rule.tolerancePoints).gte(HUNDRED)) return [];
      return [draft(ctx, subject, 'indicatorBehind', rule.severity, {
        indicatorId: indicator.indicatorId, indicatorName: indicator.name, target: indicator.target, unit: target.unit,
        proRatedTarget: due.toFixed(2, Money.ROUND_HALF_UP), actual: indicator.actual, elapsed: asPercent(ctx.elapsed),
      })];
    }),
  );
};

/** 双监控偏差: indicator attainment vs execution progress differ by more than gapPoints. */
export const dualGap: AlertRule = (ctx) => {
  const rule = ctx.profile.alertRules.dualGap;
  return ctx.projects.flatMap((subject) =>
    subject.snapshot.indicators.flatMap((indicator) => {
      const target = parseNumericTarget(indicator.target);
      const s = subject.snapshot;
      if (!target || target.value.isZero() || indicator.actual === null || s.budgetCurrent === 0n) return [];
      const actual = parseActual(indicator.actual, target.unit);
      if (actual === null) return [];
      const attainment = Money.min(actual.div(target.value), 1).times(HUNDRED);
      const progress = money(s.paid).div(money(s.budgetCurrent)).times(HUNDRED);
      const gap = attainment.minus(progress).abs();
      if (!gap.gt(rule.gapPoints)) return [];
      const [a, p, g] = [attainment, progress, gap].map((d) => d.toFixed(2, Money.ROUND_HALF_UP));
      return [draft(ctx, subject, 'dualGap', rule.severity, { indicatorId: indicator.indicatorId, indicatorName: indicator.name, attainment: a, progress: p, gapPoints: g, threshold: rule.gapPoints })];
    }),
  );
};

/** The product's 全年预计执行数 in fen: paid so far run on at the same pace to 12-31 (paid / 序时进度), half-up. */
export const projectedYearEndPaid = (paid: bigint, elapsed: Fraction): bigint => fenDividedBy(paid, elapsed);

/** 年末预测: paid / 序时进度 projected to 12-31, as a share of the current budget (at most 100 %). */
export const yearEndForecast: AlertRule = (ctx) => {
  const rule = ctx.profile.alertRules.yearEndForecast;
  const elapsed = ctx.elapsedExact;
  if (elapsed.num === 0n) return [];
  const minimum = fractionOf(rule.minPercent);
  const found: AlertDraft[] = [];
  for (const subject of everyone(ctx)) {
    const s = subject.snapshot;
    if (s.budgetCurrent === 0n) continue;
    // projected / budget = paid × den / (num × budget); in percent, at most 100
    const part = s.paid * elapsed.den * 100n;
    const whole = elapsed.num * s.budgetCurrent;
    const full = ratioAtLeast(part, whole, ALL);
    if (full ? ratioAtLeast(100n, 1n, minimum) : ratioAtLeast(part, whole, minimum)) continue;
    const shown = full ? '100.00' : percentText(part, whole, HUNDREDTH);
    found.push(draft(ctx, subject, 'yearEndForecast', rule.severity, { budget: subject.figures.budget, paid: subject.figures.paid, projectedPaid: yuanText(projectedYearEndPaid(s.paid, elapsed)), forecastRate: shown, threshold: rule.minPercent }));
  }
  return found;
};

/**
 * 超预算支付: under a `warn` overspend policy the payment is recorded with the figures, and the checkpoint raises one
 * alert per project listing them. (Under `stop` the refusal itself is alerted when it happens: AlertService.recordRefusedPayment.)
 */
export const overspendAttempt: AlertRule = (ctx) => {
  const rule = ctx.profile.alertRules.overspendAttempt;
  // Only what happened since the previous checkpoint: each overspend is alerted once.
  const previous = checkpointsOf(ctx.profile, ctx.fiscalYear).filter((line) => line.date < ctx.checkpoint.date).pop()?.date ?? '';
  return ctx.projects.flatMap((subject) => {
    const over = subject.snapshot.overspentPayments.filter((payment) => payment.occurredOn > previous);
    if (over.length === 0) return [];
    const last = over[over.length - 1];
    const figures = { payments: String(over.length), paymentIds: over.map((p) => p.paymentId).join(','), lastAmount: last.amount, lastAvailable: last.available, lastOn: last.occurredOn };
    return [draft(ctx, subject, 'overspendAttempt', rule.severity, figures)];
  });
};

/**
 * Every rule, by name. The domain refuses a payment above the available budget (EXCEEDS_AVAILABLE_BUDGET): the
 * overspend rule alerts on the refusal itself (someone tried to pay more than is left), as it happens.
 */
export const ALERT_RULES: Record<AlertRuleName, AlertRule> = {
  behindSchedule, lowArrival, idleFunds, largeAdjustments, indicatorBehind, dualGap, yearEndForecast,
  overspendAttempt,
};

/** What a manager reads for each rule (the rule name stays the stable id in JSON). */
export const ALERT_RULE_LABELS: Record<AlertRuleName, string> = {
  behindSchedule: '执行进度滞后',
  lowArrival: '资金到位不足',
  idleFunds: '资金长期闲置',
  largeAdjustments: '预算调整过大',
  indicatorBehind: '绩效指标滞后',
  dualGap: '双监控偏差',
  yearEndForecast: '年末预计执行不足',
  overspendAttempt: '超预算支付被拒',
};

/** Runs the profile's enabled rules at one checkpoint. */
export function runRules(ctx: RuleContext): AlertDraft[] {
  return (Object.keys(ALERT_RULES) as AlertRuleName[])
    .filter((name) => ctx.profile.alertRules[name].enabled)
    .flatMap((name) => ALERT_RULES[name](ctx));
}
