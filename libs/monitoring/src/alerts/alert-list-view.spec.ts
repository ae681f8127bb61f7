import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profiles/profile-loader';
import { type AlertRaisedData, alertRaised } from './alert-events';
import { alertBusinessDate, alertListOf } from './alert-list';

const profile = loadProfile('sichuan-2020');
const raised = (projectId: string, checkpoint: string, figures: Record<string, string | null> = { progress: '10.00' }): AlertRaisedData =>
  alertRaised(profile, 'dep', 2020, { rule: 'behindSchedule', severity: 'red', projectId, checkpoint, figures, zh: `项目 ${projectId}`, en: `project ${projectId}` }, `${checkpoint.slice(0, 7)}-28`);

const june = raised('p-1', '2020-06-30');
const september = raised('p-2', '2020-09-30');
const refused = alertRaised(profile, 'dep', 2020, {
  rule: 'overspendAttempt', severity: 'red', projectId: 'p-3', checkpoint: '2020-08', figures: { occurredOn: '2020-08-12', requested: '10.00' }, zh: '拒绝', en: 'refused',
}, '2020-08-12');
/** Given: the 6月 alert evaluated on 07-01, the 9月 one on 10-01, a refused payment in August, June's acknowledged on 07-05. */
const events = [
  { type: 'AlertRaised', data: june, recordedAt: '2020-07-01T02:00:00.000Z' },
  { type: 'AlertRaised', data: refused, recordedAt: '2020-08-12T02:00:00.000Z' },
  { type: 'AlertRaised', data: september, recordedAt: '2020-10-01T02:00:00.000Z' },
  { type: 'AlertAcknowledged', data: { alertId: june.alertId, actor: 'm', at: '2020-07-05T02:00:00.000Z' }, recordedAt: '2020-07-05T02:00:00.000Z' },
];
const rows = (view: { asOf?: string; knownAt?: string }, today = '2020-12-31') =>
  alertListOf('dep', 2020, events, today, view).alerts.map((row) => [row.projectId, row.status]);

describe('the alert list seen from 截至 / 按当时登记 (given monitoring events, then the rows)', () => {
  it('without a view: every alert, as things stand today', () => {
    expect(rows({}, '2020-10-02')).toEqual([['p-1', 'overdue'], ['p-3', 'overdue'], ['p-2', 'open']]);
  });

  it('as of 2020-06-30: only the alerts of checkpoints dated on or before it (a real-time alert by its own date)', () => {
    expect(rows({ asOf: '2020-06-30' }).map(([project]) => project)).toEqual(['p-1']);
    expect(rows({ asOf: '2020-08-31' }).map(([project]) => project)).toEqual(['p-1', 'p-3']);
  });

  it('known at 2020-07-03: only what was raised by then, and the acknowledgement of 07-05 not yet: open', () => {
    expect(rows({ knownAt: '2020-07-03T00:00:00.000Z' })).toEqual([['p-1', 'open']]);
    expect(rows({ knownAt: '2020-07-06T00:00:00.000Z' })).toEqual([['p-1', 'acknowledged']]);
  });

  it('the overdue test looks at the view\'s day, not today', () => {
    const late = alertListOf('dep', 2020, events.slice(0, 1), '2020-12-31').alerts[0];
    expect(late.status).toBe('overdue');
    expect(alertListOf('dep', 2020, events.slice(0, 1), '2020-12-31', { knownAt: '2020-07-02T00:00:00.000Z' }).alerts[0].status).toBe('open');
    expect(alertListOf('dep', 2020, events.slice(0, 1), '2020-12-31', { asOf: '2020-06-30' }).alerts[0].status).toBe('open');
  });

  it('the business date of an alert: its checkpoint, else the refused payment\'s date, else its month', () => {
    expect(alertBusinessDate({ checkpoint: '2020-06-30', figures: {}, raisedAt: '2026-01-01T00:00:00Z' })).toBe('2020-06-30');
    expect(alertBusinessDate({ checkpoint: '2020-08', figures: { occurredOn: '2020-08-12' }, raisedAt: '2026-01-01T00:00:00Z' })).toBe('2020-08-12');
    expect(alertBusinessDate({ checkpoint: '2020-08', figures: {}, raisedAt: '2026-01-01T00:00:00Z' })).toBe('2020-08-01');
    expect(alertBusinessDate({ checkpoint: null, figures: {}, raisedAt: '2020-03-01T20:00:00Z' })).toBe('2020-03-02');
  });
});
