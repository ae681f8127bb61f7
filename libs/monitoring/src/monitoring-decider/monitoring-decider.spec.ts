import { describe, expect, it } from 'vitest';
import { monitoringStream } from '@bem/domain';
import { type AlertRaisedData, type AlertsRaisedData, alertRaised, monitoringId, raisedAlertsOf } from '../alerts/alert-events';
import { alertIndexStream } from '../alerts/alert-index';
import type { FactEvent } from '../alerts/project-snapshot';
import { ruleContext } from '../alerts/rule-context';
import { checkpointsOf } from '../profiles/checkpoint-lines';
import { loadProfile } from '../profiles/profile-loader';
import type { EvaluateCheckpoints } from './checkpoint-decision';
import { type GivenEvent, given } from './spec-support';

const profile = loadProfile('national');
const june = checkpointsOf(profile, 2020)[0];
const budget: FactEvent = { type: 'BudgetIssued', data: { amount: '100.00', basis: 'initial', occurredOn: '2020-01-10' } };
const paid = (amount: string, occurredOn: string): FactEvent => ({ type: 'PaymentMade', data: { amount, occurredOn, paymentId: `pay-${occurredOn}-${amount}` } });

/** The June checkpoint of department d1 (one project p1 of 100 元) evaluated at `now`, on the project's events. */
const evaluateJune = (events: FactEvent[], now = '2020-07-02T02:00:00.000Z'): EvaluateCheckpoints => ({
  kind: 'EvaluateCheckpoints', profile, departmentCode: 'd1', fiscalYear: 2020, now, today: now.slice(0, 10), due: [june],
  contexts: [ruleContext(profile, 'd1', 2020, june, [{ projectId: 'p1', name: '项目', events }])],
});
const behind = evaluateJune([budget, paid('10.00', '2020-03-01')]);

/** The first evaluation of June: 10 % paid, far behind 序时进度 50 %. */
const firstEvaluation = () => given([]).when(behind).decision();
const asStored = (events: { id: string; type: string; data: unknown }[]): GivenEvent[] => events.map((event) => ({ ...event }));

describe('monitoring decider: checkpoint evaluation', () => {
  it('given no evaluation, when June is due, then CheckpointEvaluated and one AlertsRaised, indexed by alert id in the same append', () => {
    const { events, also } = firstEvaluation();
    expect(events.map((event) => event.type)).toEqual(['CheckpointEvaluated', 'AlertsRaised']);
    expect(events[0].data).toMatchObject({ date: '2020-06-30', evaluation: 0, restates: null, knownAt: behind.now, department: { progress: '10.00', status: 'red' } });
    const batch = events[1].data as AlertsRaisedData;
    // a card is stored as its findings alone; read back (raisedAlertsOf) it has its rule, severity, figures and message
    expect(batch.alerts.every((alert) => alert.rule === undefined && alert.findings?.length)).toBe(true);
    expect(raisedAlertsOf(events[1]).map((alert) => [alert.projectId, alert.rule])).toEqual([[null, 'behindSchedule'], ['p1', 'behindSchedule']]);
    // every alert of the batch is found in its index shard, naming the batch event
    expect(also.flatMap((write) => write.events.map((event) => event.type))).toEqual(also.map(() => 'AlertsIndexed'));
    for (const alert of batch.alerts) {
      const shard = also.find((write) => write.stream === alertIndexStream(alert.alertId));
      expect(shard?.events[0].data).toMatchObject({ eventId: events[1].id, stream: monitoringStream('d1', 2020), alertIds: expect.arrayContaining([alert.alertId]) });
    }
  });

  it('given the evaluation stored with its index, when evaluated again on the same figures (later), then nothing', () => {
    const { events, also } = firstEvaluation();
    const indexIds = also.map((write) => write.events[0].id);
    expect(given(asStored(events)).when(behind).lookups()).toEqual(also.map((write) => ({ id: write.events[0].id, stream: write.stream })));
    given(asStored(events), indexIds).when(evaluateJune([budget, paid('10.00', '2020-03-01')], '2020-07-03T02:00:00.000Z')).then([]);
  });

  it('given a batch stored without its index entries (a multi-stream write cut short), then the entries are written again, nothing else', () => {
    const { events, also } = firstEvaluation();
    given(asStored(events), []).when(behind).then([], also);
  });

  it('given an open card, when backdated payments change its figures, then a restatement and the card updated, never raised twice', () => {
    const { events } = firstEvaluation();
    const later = evaluateJune([budget, paid('10.00', '2020-03-01'), paid('5.00', '2020-04-01')], '2020-07-03T02:00:00.000Z');
    const decided = given(asStored(events)).when(later).decision().events;
    expect(decided.map((event) => event.type)).toEqual(['CheckpointEvaluated', 'AlertUpdated', 'AlertUpdated']);
    expect(decided[0].data).toMatchObject({ evaluation: 1, restates: { eventId: events[0].id, knownAt: behind.now }, department: { progress: '15.00' } });
    const cards = (events[1].data as AlertsRaisedData).alerts.map((alert) => alert.alertId);
    expect(decided.slice(1).map((event) => event.id)).toEqual(cards.map((alertId) => monitoringId(`alert-updated/${alertId}/1`)));
  });

  it('given an open card, when the figures recover, then a restatement and the card resolved (it stays on record)', () => {
    const { events } = firstEvaluation();
    const at = '2020-07-03T02:00:00.000Z';
    const recovered = evaluateJune([budget, paid('10.00', '2020-03-01'), paid('60.00', '2020-06-20')], at);
    const decided = given(asStored(events)).when(recovered).decision().events;
    expect(decided[0]).toMatchObject({ type: 'CheckpointEvaluated', data: { evaluation: 1, department: { progress: '70.00', status: 'green' } } });
    const cards = (events[1].data as AlertsRaisedData).alerts.map((alert) => alert.alertId);
    expect(decided.slice(1)).toEqual(cards.map((alertId) => ({ id: monitoringId(`alert-resolved/${alertId}/1`), type: 'AlertResolved', data: { alertId, evaluation: 1, at } })));
  });
});

const card: AlertRaisedData = alertRaised(profile, 'd1', 2021, {
  rule: 'overspendAttempt', severity: 'yellow', projectId: 'p1', checkpoint: '2021-07',
  figures: { paymentId: 'pay-9', occurredOn: '2021-07-05', requested: '1234567.50', available: '1000.00', budget: '2000000.00', paid: '1999000.00' },
  zh: '项目 p1 2021-07-05 申请支付 1,234,567.50 元，超过可用预算 1,000.00 元，已拒绝', en: 'project p1: a payment of 1234567.50 was refused',
}, '2021-07-05');
const raised: GivenEvent = { id: card.alertId, type: 'AlertRaised', data: card };
const at = '2021-07-06T01:00:00.000Z';
const acknowledged: GivenEvent = { id: monitoringId(`ack/${card.alertId}`), type: 'AlertAcknowledged', data: { alertId: card.alertId, actor: 'manager-1', at } };
const disposed = (disposition: string): GivenEvent => ({ id: monitoringId(`dispose/${card.alertId}`), type: 'AlertDisposed', data: { alertId: card.alertId, disposition, actor: 'manager-1', note: '调往医疗救助', at } });
const dispose = (disposition: string) => ({ kind: 'DisposeAlert' as const, alertId: card.alertId, disposition, actor: 'manager-1', note: '调往医疗救助', at });
const acknowledge = (alertIds: string[]) => ({ kind: 'AcknowledgeAlerts' as const, alertIds, actor: 'manager-1', at });

describe('monitoring decider: the refused-overspend card', () => {
  it('given no card of the month, then AlertRaised with the alert id as event id, indexed by it; given it, then nothing', () => {
    const stream = monitoringStream(card.departmentCode, card.fiscalYear);
    const entry = { id: monitoringId(`alert-index/${card.alertId}/${alertIndexStream(card.alertId)}`), type: 'AlertsIndexed', data: { eventId: card.alertId, stream, alertIds: [card.alertId] } };
    given([]).when({ kind: 'RaiseRefusedOverspendCard', alert: card }).then([{ id: card.alertId, type: 'AlertRaised', data: card }], [{ stream: alertIndexStream(card.alertId), events: [entry] }]);
    given([raised]).when({ kind: 'RaiseRefusedOverspendCard', alert: card }).then([]);
  });
});

describe('monitoring decider: answers to an alert', () => {
  it('acknowledges once: a second acknowledgement, or one after the disposition, decides nothing', () => {
    given([raised]).when(acknowledge([card.alertId])).then([acknowledged as never]);
    given([raised, acknowledged]).when(acknowledge([card.alertId])).then([]);
    given([raised, disposed('调剂')]).when(acknowledge([card.alertId])).then([]);
  });

  it('批量确认: the fresh alerts of the stream acknowledged in one decision; an unknown id refuses the whole command', () => {
    const other = { ...card, alertId: monitoringId('other-card'), checkpoint: '2021-08' };
    const otherRaised: GivenEvent = { id: other.alertId, type: 'AlertRaised', data: other };
    const decided = given([raised, otherRaised, acknowledged]).when(acknowledge([card.alertId, other.alertId, other.alertId])).decision();
    expect(decided.events).toEqual([{ id: monitoringId(`ack/${other.alertId}`), type: 'AlertAcknowledged', data: { alertId: other.alertId, actor: 'manager-1', at } }]);
    given([raised]).when(acknowledge([card.alertId, '00000000-0000-4000-8000-000000000000'])).thenThrows('UNKNOWN_ALERT', 'alertId');
  });

  it('disposes 继续执行 / 调剂 / 取消 once: the same answer again is a no-op, another one is refused', () => {
    given([raised]).when(dispose('调剂')).then([disposed('调剂') as never]);
    given([raised, disposed('调剂')]).when(dispose('调剂')).then([]);
    given([raised, disposed('调剂')]).when(dispose('取消')).thenThrows('ALERT_ALREADY_DISPOSED', 'disposition');
    given([raised]).when(dispose('暂缓')).thenThrows('INVALID_DISPOSITION', 'disposition');
    given([]).when(dispose('调剂')).thenThrows('UNKNOWN_ALERT', 'alertId');
  });
});
