import { describe, expect, it } from 'vitest';
import { raisedAlertsOf } from './alert-events';
import { monitoringDataOf } from './stored-monitoring-events';

const stored = (type: string, data: unknown) => ({ type, data, stream: 'monitoring-sc-ybj-2020', revision: 7 });

describe('stored monitoring events are parsed on read', () => {
  it('reads an alert stored before cards as a card of its one rule', () => {
    const alert = {
      alertId: 'a1', profile: 'national', departmentCode: 'd', fiscalYear: 2020, rule: 'behindSchedule', severity: 'red', projectId: 'p1', checkpoint: '2020-06-30',
      figures: { progress: '10.00' }, message: { zh: '执行进度滞后', en: 'behind schedule' }, responsible: 'd', raisedOn: '2020-07-01', deadline: '2020-07-15',
    };
    const [card] = raisedAlertsOf(stored('AlertRaised', alert));
    expect(card.rules).toEqual([{ rule: 'behindSchedule', severity: 'red', figures: { progress: '10.00' }, message: alert.message }]);
  });

  it('an event that does not parse is a loud error naming its stream, revision and the field', () => {
    expect(() => monitoringDataOf(stored('AlertDisposed', { alertId: 'a1', disposition: '暂停', actor: 'x', note: '', at: 'now' }), 'AlertDisposed')).toThrow(/monitoring-sc-ybj-2020[\s\S]*7[\s\S]*disposition/);
    expect(() => raisedAlertsOf(stored('AlertsRaised', { profile: 'national' }))).toThrow(/monitoring-sc-ybj-2020/);
  });
});
