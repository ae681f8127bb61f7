import { describe, expect, it } from 'vitest';
import type { AlertRow } from './alert-list';
import { queryAlerts } from './alert-query';

const row = (n: number, over: Partial<AlertRow> = {}): AlertRow & { departmentCode: string } => ({
  id: `a${n}`, rule: 'behindSchedule', severity: 'red', projectId: `p${n % 3}`, checkpoint: '2020-06-30', raisedAt: '2020-07-01T00:00:00Z',
  figures: {}, status: 'open', profile: 'national', message: { zh: '', en: '' }, responsible: 'd1', deadline: '2020-07-15',
  acknowledged: null, disposition: null, departmentCode: 'd1', rules: [], ...over,
});
const names = new Map([['p0', '公费医疗'], ['p1', '医疗救助'], ['p2', '大数据平台']]);

describe('alert list queries (pure)', () => {
  const rows = [
    ...Array.from({ length: 6 }, (_, i) => row(i)),
    row(6, { rule: 'idleFunds', severity: 'yellow', status: 'acknowledged', checkpoint: '2020-09-30' }),
    row(7, { rule: 'idleFunds', severity: 'yellow', status: 'disposed', profile: 'sichuan-2020' }),
  ];

  it('pages with the total of what matches and counts per status (the status filter aside)', () => {
    const page = queryAlerts(rows, { limit: 3, offset: 3, status: ['open'] }, names);
    expect(page.total).toBe(6);
    expect(page.alerts.map((a) => a.id)).toEqual(['a3', 'a4', 'a5']);
    expect(page.counts).toEqual({ open: 6, acknowledged: 1, disposed: 1, overdue: 0, resolved: 0 });
  });

  it('filters by rule, severity, checkpoint, profile and project; searches project names', () => {
    expect(queryAlerts(rows, { rule: ['idleFunds'] }, names).total).toBe(2);
    expect(queryAlerts(rows, { severity: ['yellow'], checkpoint: '2020-09' }, names).alerts.map((a) => a.id)).toEqual(['a6']);
    expect(queryAlerts(rows, { profile: 'sichuan-2020' }, names).alerts.map((a) => a.id)).toEqual(['a7']);
    expect(queryAlerts(rows, { projectId: 'p1' }, names).alerts.map((a) => a.id)).toEqual(['a1', 'a4', 'a7']);
    const found = queryAlerts(rows, { q: '救助' }, names);
    expect(found.alerts.every((a) => a.projectName === '医疗救助')).toBe(true);
    expect(found.total).toBe(3);
    expect(queryAlerts(rows, { unit: 'elsewhere' }, names).total).toBe(0);
  });

  it('groups by project, paging over projects', () => {
    const page = queryAlerts(rows, { groupBy: 'project', limit: 2 }, names);
    expect(page.groupTotal).toBe(3);
    expect(page.groups?.map((g) => [g.projectId, g.projectName, g.total, g.red])).toEqual([['p0', '公费医疗', 3, 2], ['p1', '医疗救助', 3, 2]]);
    expect(page.alerts).toHaveLength(6);
    expect(page.total).toBe(8);
  });
});
