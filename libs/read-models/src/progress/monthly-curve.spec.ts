import { describe, expect, it } from 'vitest';
import { computeDepartmentProgress } from './compute-progress';
import { monthlyCurve } from './monthly-curve';
import type { ProgressFact, ProjectInfo } from './progress-facts';

const at = (day: string) => `${day}T09:00:00.000Z`;
let position = 0;
const fact = (projectId: string, occurredOn: string, amounts: Partial<ProgressFact>, recordedOn = occurredOn): ProgressFact => ({
  position: ++position,
  projectId,
  occurredOn,
  recordedAt: at(recordedOn),
  budgetInitial: '0',
  budgetCurrent: '0',
  arrived: '0',
  paid: '0',
  ...amounts,
});

const facts: ProgressFact[] = [
  fact('a', '2019-12-31', { budgetInitial: '300.00', budgetCurrent: '300.00' }, '2020-01-05'),
  fact('a', '2020-01-10', { budgetInitial: '1000.00', budgetCurrent: '1000.00' }),
  fact('b', '2020-01-20', { budgetInitial: '700.00', budgetCurrent: '700.00' }),
  fact('a', '2020-02-01', { arrived: '500.00' }),
  fact('a', '2020-04-01', { paid: '100.10' }),
  fact('a', '2020-04-05', { paid: '-100.10' }),
  fact('b', '2020-03-15', { paid: '150.00' }, '2020-08-20'),
  fact('a', '2020-06-30', { paid: '400.00' }),
  fact('a', '2020-07-01', { budgetCurrent: '1000.00' }),
  fact('b', '2020-07-02', { budgetCurrent: '-200.00' }),
  fact('b', '2020-12-31', { paid: '250.00', arrived: '500.00' }),
  fact('a', '2021-01-05', { paid: '1.00' }),
];

const projects: ProjectInfo[] = ['a', 'b'].map((projectId) => ({
  projectId,
  departmentCode: 'd1',
  fiscalYear: 2020,
  name: projectId,
  kind: 'project',
  recordedAt: at('2020-01-01'),
}));

const monthEnds = ['01-31', '02-29', '03-31', '04-30', '05-31', '06-30', '07-31', '08-31', '09-30', '10-31', '11-30', '12-31'].map((d) => `2020-${d}`);

describe('monthlyCurve', () => {
  it('gives 12 month-end points equal to the progress view as of each month end', () => {
    const curve = monthlyCurve(facts, { fiscalYear: 2020 });
    expect(curve.points.map((p) => p.date)).toEqual(monthEnds);
    for (const point of curve.points) {
      const view = computeDepartmentProgress({ code: 'd1', name: 'd1' }, 2020, projects, facts, { asOf: point.date, knownAt: null });
      expect([point.budgetCurrent, point.paid, point.arrived, point.executionRate, point.arrivalRate]).toEqual([
        view.budgetCurrent,
        view.paid,
        view.arrived,
        view.executionRate,
        view.arrivalRate,
      ]);
    }
    expect(curve.points[0]).toMatchObject({ month: 1, budgetCurrent: '2000.00', paid: '0.00', executionRate: '0.00' });
    expect(curve.points[3]).toMatchObject({ month: 4, paid: '150.00' }); // the reversal cancels April's payment
    expect(curve.points[6]).toMatchObject({ budgetCurrent: '2800.00', paid: '550.00', executionRate: '19.64' });
    expect(curve.points[11]).toMatchObject({ paid: '800.00', arrived: '1000.00', executionRate: '28.57' }); // 2021 facts ignored
  });

  it('as known at an instant leaves out what was recorded later, even when dated earlier', () => {
    const july = monthlyCurve(facts, { fiscalYear: 2020, knownAt: '2020-07-31T00:00:00Z' });
    expect(july.knownAt).toBe('2020-07-31T00:00:00.000Z');
    expect(july.points[2].paid).toBe('0.00');
    expect(july.points[11].paid).toBe('400.00');
    const later = monthlyCurve(facts, { fiscalYear: 2020, knownAt: '2020-08-21T00:00:00Z' });
    expect(later.points[2].paid).toBe('150.00');
  });

  it('stops at asOf, the last point dated asOf', () => {
    const curve = monthlyCurve(facts, { fiscalYear: 2020, asOf: '2020-06-15' });
    expect(curve.points).toHaveLength(6);
    expect(curve.points[5]).toMatchObject({ month: 6, date: '2020-06-15', paid: '150.00' });
  });

  it('splits per project in the same pass, and can be limited to some projects', () => {
    const curve = monthlyCurve(facts, { fiscalYear: 2020, perProject: true });
    expect(Object.keys(curve.projects!).sort()).toEqual(['a', 'b']);
    expect(curve.projects!.a[11]).toMatchObject({ budgetCurrent: '2300.00', paid: '400.00', executionRate: '17.39' });
    expect(curve.projects!.b[11]).toMatchObject({ budgetCurrent: '500.00', paid: '400.00', executionRate: '80.00' });
    const onlyB = monthlyCurve(facts, { fiscalYear: 2020, projectIds: new Set(['b']) });
    expect(onlyB.points[11]).toEqual(curve.projects!.b[11]);
  });

  it('gives null rates while there is no budget', () => {
    const curve = monthlyCurve([fact('a', '2020-03-01', { budgetCurrent: '10.00' })], { fiscalYear: 2020 });
    expect(curve.points[0]).toMatchObject({ budgetCurrent: '0.00', executionRate: null, arrivalRate: null });
    expect(curve.points[2].executionRate).toBe('0.00');
  });
});
