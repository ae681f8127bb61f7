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

  it('a checkpoint evaluation stored without each project\'s date and lines reads them from the department, as one stored with them', () => {
    const lines = { date: '2020-06-30', target: '50.00', alertLine: '40.00', weight: '1.00' };
    const department = { ...lines, budget: '100.00', paid: '10.00', progress: '10.00', status: 'red', score: '0.20' };
    const project = { projectId: 'p1', name: '项目一', budget: '100.00', paid: '10.00', progress: '10.00', status: 'red', score: '0.20' };
    const evaluation = (projects: unknown[]) => ({
      profile: 'national', departmentCode: 'd', fiscalYear: 2020, date: '2020-06-30', label: '6月', evaluation: 0, knownAt: '2020-07-01T00:00:00.000Z',
      department, projects, restates: null,
    });
    const slim = monitoringDataOf(stored('CheckpointEvaluated', evaluation([project])), 'CheckpointEvaluated');
    const full = monitoringDataOf(stored('CheckpointEvaluated', evaluation([{ ...project, ...lines }])), 'CheckpointEvaluated');
    expect(slim).toEqual(full);
    expect(Object.keys(slim.projects[0])).toEqual(['projectId', 'name', 'date', 'budget', 'paid', 'target', 'alertLine', 'weight', 'progress', 'status', 'score']);
    // A project stored with lines of its own keeps them
    expect(monitoringDataOf(stored('CheckpointEvaluated', evaluation([{ ...project, target: '60.00' }])), 'CheckpointEvaluated').projects[0].target).toBe('60.00');
  });
});
