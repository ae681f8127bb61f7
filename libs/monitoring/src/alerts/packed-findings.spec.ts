import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profiles/profile-loader';
import { type RaisedCard, cardsRaised, raisedAlertsOf } from './alert-events';

const profile = loadProfile('national');
const june = { date: '2020-06-30', label: '6月' };
const behind = (budget: string, progress: string) => ({ rule: 'behindSchedule' as const, severity: 'red' as const, figures: { budget, paid: '1.00', progress, target: '50.00', alertLine: '40.00', status: 'red' } });
const idle = (lastPaymentOn: string | null) => ({ rule: 'idleFunds' as const, severity: 'yellow' as const, figures: { balance: '9.00', lastPaymentOn, idleDays: '120', thresholdDays: '90' } });
const cards: RaisedCard[] = [
  { alertId: 'a-1', projectId: 'p-1', name: '项目一', rules: [behind('100.00', '1.00'), idle(null)] },
  { alertId: 'a-2', projectId: 'p-2', name: '项目二', rules: [behind('200.00', '0.50')] },
  // Same rule, figures in another order: a shape of its own, read back as given
  { alertId: 'a-3', projectId: 'p-3', name: '项目三', rules: [{ rule: 'idleFunds', severity: 'yellow', figures: { idleDays: '200', balance: '5.00', lastPaymentOn: '2020-01-02', thresholdDays: '90' } }] },
];
const stored = (data: unknown) => ({ type: 'AlertsRaised', data, stream: 'monitoring-d-2020', revision: 3 });

describe('a checkpoint batch packs its findings', () => {
  it('states each rule\'s figure keys once and reads every card back with the figures it was given', () => {
    const batch = cardsRaised(profile, 'd', 2020, june, '2020-07-01', cards);
    expect(batch.findingShapes).toEqual([
      { rule: 'behindSchedule', keys: ['budget', 'paid', 'progress', 'target', 'alertLine', 'status'] },
      { rule: 'idleFunds', keys: ['balance', 'lastPaymentOn', 'idleDays', 'thresholdDays'] },
      { rule: 'idleFunds', keys: ['idleDays', 'balance', 'lastPaymentOn', 'thresholdDays'] },
    ]);
    expect(batch.alerts[0].findings).toEqual([[0, 'red', '100.00', '1.00', '1.00', '50.00', '40.00', 'red'], [1, 'yellow', '9.00', null, '120', '90']]);
    const read = raisedAlertsOf(stored(JSON.parse(JSON.stringify(batch))));
    expect(read.map((alert) => alert.rules?.map(({ rule, severity, figures }) => ({ rule, severity, figures })))).toEqual(cards.map((card) => card.rules));
    expect(read[0].message.zh).toContain('项目一');
    // A season's batch (many cards of the same rules) is far smaller packed than with a key per figure
    const many = Array.from({ length: 200 }, (_, n): RaisedCard => ({ alertId: `b-${n}`, projectId: `p-${n}`, name: `项目${n}`, rules: [behind(`${n}.00`, '1.00'), idle('2020-01-02')] }));
    const packed = JSON.stringify(cardsRaised(profile, 'd', 2020, june, '2020-07-01', many)).length;
    expect(packed).toBeLessThan(0.6 * JSON.stringify({ ...batch, findingShapes: undefined, alerts: many }).length);
  });

  it('a finding that does not fit its shape is a loud error naming the stream and the card', () => {
    const batch = JSON.parse(JSON.stringify(cardsRaised(profile, 'd', 2020, june, '2020-07-01', cards)));
    batch.alerts[1].findings[0].pop();
    expect(() => raisedAlertsOf(stored(batch))).toThrow(/monitoring-d-2020[\s\S]*alerts[\s\S]*1[\s\S]*findings/);
    batch.alerts[1].findings[0][0] = 7;
    expect(() => raisedAlertsOf(stored(batch))).toThrow(/shape 7/);
  });
});
