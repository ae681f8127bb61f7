import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profiles/profile-loader';
import type { Profile } from '../profiles/profile-schema';
import { runRules } from './alert-rules';
import type { FactEvent, ProjectFacts } from './project-snapshot';
import { checkpointAt, ruleContext } from './rule-context';

// Given events -> then alerts (emmett-style specifications for the pure rules).
const issued = (occurredOn: string, amount: string, basis = 'initial'): FactEvent => ({ type: 'BudgetIssued', data: { occurredOn, amount, basis } });
const adjusted = (occurredOn: string, delta: string): FactEvent => ({ type: 'BudgetAdjusted', data: { occurredOn, delta, kind: 'increase', reason: 'x' } });
const arrived = (occurredOn: string, amount: string): FactEvent => ({ type: 'FundsArrived', data: { occurredOn, amount } });
const paid = (occurredOn: string, amount: string): FactEvent => ({ type: 'PaymentMade', data: { occurredOn, amount, paymentId: occurredOn } });
const reversed = (occurredOn: string, amount: string): FactEvent => ({ type: 'PaymentReversed', data: { occurredOn, amount } });
const indicator = (indicatorId: string, target: string): FactEvent => ({ type: 'IndicatorSet', data: { indicatorId, name: indicatorId, target } });
const actual = (indicatorId: string, occurredOn: string, value: string): FactEvent => ({ type: 'IndicatorActualRecorded', data: { indicatorId, occurredOn, value } });
const project = (projectId: string, ...events: FactEvent[]): ProjectFacts => ({ projectId, name: projectId, events });

/** Only the named rules switched on, the others off. */
function only(name: string, ...rules: (keyof Profile['alertRules'])[]): Profile {
  const profile = loadProfile(name);
  const alertRules = Object.fromEntries(Object.entries(profile.alertRules).map(([rule, spec]) => [rule, { ...spec, enabled: rules.includes(rule as never) }]));
  return { ...profile, alertRules: alertRules as Profile['alertRules'] };
}

const given = (profile: Profile, ...projects: ProjectFacts[]) => ({
  at: (date: string) => {
    const alerts = runRules(ruleContext(profile, 'd1', 2020, checkpointAt(profile, 2020, date)!, projects));
    return { then: (expected: unknown[]) => expect(alerts.map((a) => ({ rule: a.rule, projectId: a.projectId, severity: a.severity, ...a.figures }))).toEqual(expected) };
  },
});

describe('alert rules: given events, then alerts', () => {
  it('behindSchedule: red below A, yellow between A and T, nothing at or above T', () => {
    const profile = only('national', 'behindSchedule');
    given(profile,
      project('red', issued('2020-01-10', '1000.00'), paid('2020-03-01', '399.99')),
      project('yellow', issued('2020-01-10', '1000.00'), paid('2020-03-01', '400.00')),
      project('green', issued('2020-01-10', '1000.00'), paid('2020-03-01', '600.00'), paid('2020-07-01', '1.00')),
    ).at('2020-06-30').then([
      { rule: 'behindSchedule', projectId: null, severity: 'yellow', budget: '3000.00', paid: '1399.99', progress: '46.67', target: '50.00', alertLine: '40.00', status: 'yellow' },
      { rule: 'behindSchedule', projectId: 'red', severity: 'red', budget: '1000.00', paid: '399.99', progress: '40.00', target: '50.00', alertLine: '40.00', status: 'red' },
      { rule: 'behindSchedule', projectId: 'yellow', severity: 'yellow', budget: '1000.00', paid: '400.00', progress: '40.00', target: '50.00', alertLine: '40.00', status: 'yellow' },
    ]);
  });

  it('behindSchedule with sichuan-2025 ignores yellow and counts reversals', () => {
    given(only('sichuan-2025', 'behindSchedule'),
      project('a', issued('2020-01-10', '1000.00'), paid('2020-03-01', '300.00'), reversed('2020-04-01', '100.00')),
    ).at('2020-04-30').then([
      { rule: 'behindSchedule', projectId: null, severity: 'red', budget: '1000.00', paid: '200.00', progress: '20.00', target: '33.33', alertLine: '25.00', status: 'red' },
      { rule: 'behindSchedule', projectId: 'a', severity: 'red', budget: '1000.00', paid: '200.00', progress: '20.00', target: '33.33', alertLine: '25.00', status: 'red' },
    ]);
  });

  it('lowArrival and largeAdjustments compare the rate to the limit exactly, without dividing (negative budgets too)', () => {
    const arrival = only('national', 'lowArrival');
    // 500.00 / 1000.00 = 50 % exactly: not below; one cent less is; a budget cut below zero compares the other way
    given(arrival, project('at', issued('2020-01-10', '1000.00'), arrived('2020-02-01', '500.00')), project('under', issued('2020-01-10', '1000.00'), arrived('2020-02-01', '499.99'))).at('2020-06-30').then([
      { rule: 'lowArrival', projectId: 'under', severity: 'yellow', budget: '1000.00', arrived: '499.99', arrivalRate: '50.00', threshold: '50' },
    ]);
    given(arrival, project('negative', issued('2020-01-10', '100.00'), adjusted('2020-01-20', '-300.00'), arrived('2020-02-01', '100.00'))).at('2020-06-30').then([
      { rule: 'lowArrival', projectId: 'negative', severity: 'yellow', budget: '-200.00', arrived: '100.00', arrivalRate: '-50.00', threshold: '50' },
    ]);
    // (figures the domain never writes, for the sign rule: -100.00 / -200.00 = 50 % is not below, -99.99 is)
    given(arrival, project('negative', issued('2020-01-10', '100.00'), adjusted('2020-01-20', '-300.00'), arrived('2020-02-01', '-100.00'))).at('2020-06-30').then([]);
    given(arrival, project('negative', issued('2020-01-10', '100.00'), adjusted('2020-01-20', '-300.00'), arrived('2020-02-01', '-99.99'))).at('2020-06-30').then([
      { rule: 'lowArrival', projectId: 'negative', severity: 'yellow', budget: '-200.00', arrived: '-99.99', arrivalRate: '50.00', threshold: '50' },
    ]);
    const adjustments = only('national', 'largeAdjustments');
    const limit = loadProfile('national').alertRules.largeAdjustments.maxPercentOfInitial;
    const exactly = (Number(limit) * 10).toFixed(2); // limit % of 1000.00
    given(adjustments, project('at', issued('2020-01-10', '1000.00'), adjusted('2020-02-01', exactly))).at('2020-06-30').then([]);
  });

  it('lowArrival: arrival rate below the threshold, only when the department records arrivals', () => {
    const profile = only('national', 'lowArrival');
    given(profile, project('a', issued('2020-01-10', '1000.00')), project('b', issued('2020-01-10', '1000.00'), arrived('2020-02-01', '500.00'))).at('2020-06-30').then([
      { rule: 'lowArrival', projectId: 'a', severity: 'yellow', budget: '1000.00', arrived: '0.00', arrivalRate: '0.00', threshold: '50' },
    ]);
    given(profile, project('a', issued('2020-01-10', '1000.00'))).at('2020-06-30').then([]);
  });

  it('idleFunds: no payment for N days while a balance remains', () => {
    const profile = only('national', 'idleFunds');
    given(profile,
      project('idle', issued('2020-01-10', '1000.00'), paid('2020-04-01', '10.00')),
      project('busy', issued('2020-01-10', '1000.00'), paid('2020-04-02', '10.00')),
      project('spent', issued('2020-01-10', '10.00'), paid('2020-01-11', '10.00')),
    ).at('2020-06-30').then([
      { rule: 'idleFunds', projectId: 'idle', severity: 'yellow', balance: '990.00', lastPaymentOn: '2020-04-01', idleDays: '90', thresholdDays: '90' },
    ]);
  });

  it('largeAdjustments: (Σ|调整| + 追加) above X% of the opening budget', () => {
    given(only('national', 'largeAdjustments'),
      project('a', issued('2020-01-10', '1000.00'), adjusted('2020-03-01', '-150.00'), issued('2020-04-01', '60.00', 'supplementary')),
      project('b', issued('2020-01-10', '1000.00'), adjusted('2020-03-01', '200.00')),
      project('c', issued('2020-01-10', '1000.00'), adjusted('2020-07-01', '900.00')),
    ).at('2020-06-30').then([
      { rule: 'largeAdjustments', projectId: 'a', severity: 'yellow', budgetInitial: '1000.00', changes: '210.00', changeRate: '21.00', threshold: '20' },
    ]);
  });

  it('indicatorBehind: a numeric target pro-rated by 序时进度; rates and text targets are skipped', () => {
    given(only('national', 'indicatorBehind'),
      project('a', issued('2020-01-10', '1000.00'), indicator('people', '≥950人'), actual('people', '2020-06-01', '400人'),
        indicator('rate', '≥98%'), actual('rate', '2020-06-01', '10%'), indicator('soft', '有所提升'), actual('soft', '2020-06-01', '提升')),
      project('b', issued('2020-01-10', '1000.00'), indicator('people', '>1000'), actual('people', '2020-06-01', '500'), actual('people', '2020-07-01', '10')),
    ).at('2020-06-30').then([
      { rule: 'indicatorBehind', projectId: 'a', severity: 'yellow', indicatorId: 'people', indicatorName: 'people', target: '≥950人', unit: '人', proRatedTarget: '475.00', actual: '400人', elapsed: '50.00' },
    ]);
  });

  it('dualGap: attainment and execution more than 10 points apart (Sichuan 2025)', () => {
    given(only('sichuan-2025', 'dualGap'),
      project('a', issued('2020-01-10', '1000.00'), paid('2020-03-01', '300.00'), indicator('i', '=100%'), actual('i', '2020-06-01', '41%')),
      project('b', issued('2020-01-10', '1000.00'), paid('2020-03-01', '300.00'), indicator('i', '=100%'), actual('i', '2020-06-01', '40%')),
    ).at('2020-06-30').then([
      { rule: 'dualGap', projectId: 'a', severity: 'red', indicatorId: 'i', indicatorName: 'i', attainment: '41.00', progress: '30.00', gapPoints: '11.00', threshold: '10' },
    ]);
  });

  it('yearEndForecast: paid / 序时进度 projected to year end below 90%', () => {
    given(only('national', 'yearEndForecast'),
      project('slow', issued('2020-01-10', '1000.00'), paid('2020-03-01', '449.99')),
      project('fine', issued('2020-01-10', '1000.00'), paid('2020-03-01', '450.00')),
    ).at('2020-06-30').then([
      // 89.9995% is below 90% although it displays as 90.00
      { rule: 'yearEndForecast', projectId: null, severity: 'yellow', budget: '2000.00', paid: '899.99', projectedPaid: '1799.98', forecastRate: '90.00', threshold: '90' },
      { rule: 'yearEndForecast', projectId: 'slow', severity: 'yellow', budget: '1000.00', paid: '449.99', projectedPaid: '899.98', forecastRate: '90.00', threshold: '90' },
    ]);
  });

  it('a disabled rule raises nothing', () => {
    given(only('national'), project('a', issued('2020-01-10', '1000.00'))).at('2020-06-30').then([]);
  });
});

describe('amounts in alert sentences', () => {
  it('print 元 with thousands grouped and 2 decimals, as the overspend card does', async () => {
    const { groupedYuan } = await import('./rule-context');
    expect([groupedYuan('74080000'), groupedYuan('990.5'), groupedYuan('-1234567.891')]).toEqual(['74,080,000.00', '990.50', '-1,234,567.89']);
  });
});
