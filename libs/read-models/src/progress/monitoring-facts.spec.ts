import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MemoryProgressReadModel } from './memory-progress-read-model';
import { figuresAtDates, recordsArrivals } from './monitoring-facts';
import type { StoredEventLike } from './progress-facts';
import type { ProgressReadModel } from './progress-read-model';
import { SqliteProgressReadModel } from './sqlite-progress-read-model';

const p = 'p1';
let position = 0;
const at = (type: string, data: Record<string, unknown>, recordedAt = '2020-07-01T00:00:00.000Z'): StoredEventLike => ({ type, data, position: ++position, recordedAt });

/** A project's year: issuances of each basis, adjustments, arrivals, payments, a reversal, indicators and a payment let through by `warn`. */
const events = (): StoredEventLike[] => {
  position = 0;
  return [
    at('DepartmentRegistered', { departmentCode: 'd1', name: '部门' }),
    at('ProjectRegistered', { projectId: p, departmentCode: 'd1', fiscalYear: 2020, name: '项目', kind: 'project' }),
    at('ProjectRegistered', { projectId: 'p2', departmentCode: 'd1', fiscalYear: 2020, name: '无到位', kind: 'project' }),
    at('BudgetIssued', { projectId: p, occurredOn: '2020-01-10', amount: '1000.00', source: 'own', basis: 'initial' }),
    at('BudgetIssued', { projectId: p, occurredOn: '2020-01-20', amount: '100.00', source: 'own', basis: 'carryover' }),
    at('BudgetIssued', { projectId: 'p2', occurredOn: '2020-02-01', amount: '500.00', source: 'own', basis: 'initial' }),
    at('FundsArrived', { projectId: p, occurredOn: '2020-02-01', amount: '600.00', source: 'own' }),
    at('PaymentMade', { projectId: p, paymentId: 'pay-1', occurredOn: '2020-02-15', amount: '100.00' }),
    at('BudgetIssued', { projectId: p, occurredOn: '2020-03-01', amount: '200.00', source: 'central', basis: 'supplementary' }),
    at('BudgetAdjusted', { projectId: p, occurredOn: '2020-04-01', delta: '-50.00', kind: 'decrease', reason: '压减' }),
    at('PaymentMade', { projectId: p, paymentId: 'pay-2', occurredOn: '2020-05-01', amount: '300.00' }),
    at('PaymentReversed', { projectId: p, paymentId: 'pay-1', occurredOn: '2020-05-20', amount: '100.00', reason: '冲销' }),
    at('IndicatorSet', { projectId: p, indicatorId: 'i1', level1: '产出指标', level2: '数量指标', name: '培训', target: '10次' }),
    at('IndicatorActualRecorded', { projectId: p, indicatorId: 'i1', occurredOn: '2020-06-30', value: '6次' }),
    // recorded later, dated earlier: kept as a note, the latest-dated actual still wins at 2020-06-30
    at('IndicatorActualRecorded', { projectId: p, indicatorId: 'i1', occurredOn: '2020-03-31', value: '2次' }, '2020-08-01T00:00:00.000Z'),
    at('PaymentMade', { projectId: p, paymentId: 'pay-3', occurredOn: '2020-06-10', amount: '2000.00', overspend: { available: '950.00', budget: '1250.00', paid: '300.00' } }),
    // a department-wide indicator is no project's note
    at('IndicatorSet', { departmentCode: 'd1', fiscalYear: 2020, indicatorId: 'd-i1', level1: '产出指标', level2: '数量指标', name: '部门', target: '1个' }),
  ];
};

const models: [string, () => ProgressReadModel][] = [
  ['memory', () => new MemoryProgressReadModel()],
  ['sqlite', () => new SqliteProgressReadModel(new Database(':memory:'))],
];

describe.each(models)('monitoring facts of the %s progress read model: given events, the figures the checkpoint rules read', (_name, open) => {
  it('gives cumulative money, Σ 调整, counts and dates at each date, and the notes in order', () => {
    const model = open();
    model.apply(events());
    const facts = model.monitoringFacts('d1', 2020);
    const { days, notes } = facts.get(p)!;
    const figures = figuresAtDates(days, ['2020-01-05', '2020-03-31', '2020-05-31', '2020-12-31']);
    const shown = figures.map((f) => ({ ...f, budgetInitial: String(f.budgetInitial), budgetCurrent: String(f.budgetCurrent), arrived: String(f.arrived), paid: String(f.paid), changes: String(f.changes) }));
    expect(shown).toEqual([
      { budgetInitial: '0', budgetCurrent: '0', arrived: '0', paid: '0', changes: '0', arrivals: 0, firstBudgetOn: null, lastPaymentOn: null },
      { budgetInitial: '110000', budgetCurrent: '130000', arrived: '60000', paid: '10000', changes: '20000', arrivals: 1, firstBudgetOn: '2020-01-10', lastPaymentOn: '2020-02-15' },
      // the reversal of 05-20 lowers paid but is no payment: the last payment stays 05-01
      { budgetInitial: '110000', budgetCurrent: '125000', arrived: '60000', paid: '30000', changes: '25000', arrivals: 1, firstBudgetOn: '2020-01-10', lastPaymentOn: '2020-05-01' },
      { budgetInitial: '110000', budgetCurrent: '125000', arrived: '60000', paid: '230000', changes: '25000', arrivals: 1, firstBudgetOn: '2020-01-10', lastPaymentOn: '2020-06-10' },
    ]);
    expect(notes.map((note) => [note.type, note.data])).toEqual([
      ['IndicatorSet', { indicatorId: 'i1', name: '培训', target: '10次' }],
      ['IndicatorActualRecorded', { indicatorId: 'i1', occurredOn: '2020-06-30', value: '6次' }],
      ['IndicatorActualRecorded', { indicatorId: 'i1', occurredOn: '2020-03-31', value: '2次' }],
      ['PaymentOverspent', { paymentId: 'pay-3', occurredOn: '2020-06-10', amount: '2000.00', available: '950.00' }],
    ]);
    expect(recordsArrivals(days)).toBe(true);
    expect(recordsArrivals(facts.get('p2')!.days)).toBe(false);
    expect([...facts.keys()].sort()).toEqual(['p1', 'p2']);
  });

  it('gives the same facts whether events come in one batch or one by one', () => {
    const once = open();
    once.apply(events());
    const oneByOne = open();
    for (const event of events()) oneByOne.apply([event]);
    const dates = ['2020-02-15', '2020-06-30', '2020-12-31'];
    const view = (model: ProgressReadModel) => [...model.monitoringFacts('d1', 2020)].sort(([a], [b]) => a.localeCompare(b)).map(([id, rows]) => [id, figuresAtDates(rows.days, dates), rows.notes]);
    expect(view(oneByOne)).toEqual(view(once));
  });
});

describe('sqlite progress read model schema', () => {
  it('empties a file of the earlier shape (four measures, no notes) so the next catch-up rebuilds it', () => {
    const db = new Database(':memory:');
    const first = new SqliteProgressReadModel(db);
    first.apply(events());
    expect(first.position()).toBeGreaterThan(0);
    db.prepare("DELETE FROM rm_checkpoints WHERE name = 'progress-schema'").run();
    const reopened = new SqliteProgressReadModel(db);
    expect(reopened.position()).toBe(0);
    expect(reopened.projectsOf('d1', 2020)).toEqual([]);
    reopened.apply(events());
    expect(reopened.monitoringFacts('d1', 2020).get(p)?.notes).toHaveLength(4);
  });
});
