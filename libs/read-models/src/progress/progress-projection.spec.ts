import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MemoryEventStore } from '@bem/event-store';
import { MemoryProgressReadModel } from './memory-progress-read-model';
import { ProgressProjection, defaultAsOf } from './progress-projection';
import type { ProgressReadModel } from './progress-read-model';
import { SqliteProgressReadModel } from './sqlite-progress-read-model';

type Given = { stream: string; type: string; data: Record<string, unknown>; recordedAt: string };

const p = (projectId: string) => `project-${projectId}`;
const at = (day: string) => `${day}T09:00:00.000Z`;

/** A department with two projects; a backdated payment recorded in August for March. */
const history: Given[] = [
  { stream: 'department-d1', type: 'DepartmentRegistered', data: { departmentCode: 'd1', name: '测试局' }, recordedAt: at('2020-01-02') },
  { stream: p('a'), type: 'ProjectRegistered', data: { projectId: 'a', departmentCode: 'd1', fiscalYear: 2020, name: '甲项目', kind: 'project' }, recordedAt: at('2020-01-02') },
  { stream: p('b'), type: 'ProjectRegistered', data: { projectId: 'b', departmentCode: 'd1', fiscalYear: 2020, name: '乙项目', kind: 'basic' }, recordedAt: at('2020-01-02') },
  { stream: p('a'), type: 'BudgetIssued', data: { projectId: 'a', occurredOn: '2020-01-10', amount: '1000.00', source: 'own', basis: 'initial' }, recordedAt: at('2020-01-10') },
  { stream: p('b'), type: 'BudgetIssued', data: { projectId: 'b', occurredOn: '2020-01-01', amount: '300.00', source: 'own', basis: 'carryover' }, recordedAt: at('2020-01-10') },
  { stream: p('a'), type: 'FundsArrived', data: { projectId: 'a', occurredOn: '2020-02-01', amount: '500.00', source: 'own' }, recordedAt: at('2020-02-01') },
  { stream: p('a'), type: 'PaymentMade', data: { projectId: 'a', paymentId: 'x1', occurredOn: '2020-04-01', amount: '100.10' }, recordedAt: at('2020-04-01') },
  { stream: p('a'), type: 'PaymentReversed', data: { projectId: 'a', paymentId: 'x1', occurredOn: '2020-04-05', reason: '错', amount: '100.10' }, recordedAt: at('2020-04-05') },
  { stream: p('a'), type: 'BudgetIssued', data: { projectId: 'a', occurredOn: '2020-07-01', amount: '1000.00', source: 'central', basis: 'supplementary' }, recordedAt: at('2020-07-01') },
  { stream: p('a'), type: 'BudgetAdjusted', data: { projectId: 'a', occurredOn: '2020-07-02', delta: '-200.00', kind: 'decrease', reason: '压减' }, recordedAt: at('2020-07-02') },
  { stream: p('b'), type: 'PaymentMade', data: { projectId: 'b', paymentId: 'y1', occurredOn: '2020-03-15', amount: '150.00' }, recordedAt: at('2020-08-20') },
];

async function projectionOver(model: ProgressReadModel, events: Given[] = history) {
  const store = new MemoryEventStore();
  let n = 0;
  for (const event of events) {
    await store.append(event.stream, [{ id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, type: event.type, data: event.data, recordedAt: event.recordedAt }]);
  }
  return new ProgressProjection(store, model);
}

const models: Record<string, () => ProgressReadModel> = {
  memory: () => new MemoryProgressReadModel(),
  sqlite: () => new SqliteProgressReadModel(new Database(':memory:')),
};

describe.each(Object.keys(models))('progress projection (%s read model)', (kind) => {
  it('sums every fact up to the business date, with the budget as of that date as denominator', async () => {
    const projection = await projectionOver(models[kind]());
    const june = await projection.department('d1', 2020, { asOf: '2020-06-30' });
    expect(june).toMatchObject({ asOf: '2020-06-30', knownAt: null, fiscalYear: 2020, department: { code: 'd1', name: '测试局' } });
    expect(june).toMatchObject({ budgetInitial: '1300.00', budgetCurrent: '1300.00', arrived: '500.00', paid: '150.00', balance: '1150.00', executionRate: '11.54', arrivalRate: '38.46' });
    const year = await projection.department('d1', 2020, { asOf: '2020-12-31' });
    expect(year).toMatchObject({ budgetInitial: '1300.00', budgetCurrent: '2100.00', paid: '150.00', executionRate: '7.14' });
    expect(year.projects.map((row) => [row.projectId, row.kind, row.budgetCurrent, row.paid, row.executionRate])).toEqual([
      ['a', 'project', '1800.00', '0.00', '0.00'],
      ['b', 'basic', '300.00', '150.00', '50.00'],
    ]);
  });

  it('counts a payment between its date and its reversal date', async () => {
    const projection = await projectionOver(models[kind]());
    expect(await projection.project('a', { asOf: '2020-04-03' })).toMatchObject({ paid: '100.10', executionRate: '10.01' });
    expect(await projection.project('a', { asOf: '2020-04-05' })).toMatchObject({ paid: '0.00' });
  });

  it('as known at an instant, ignores what was recorded later even when dated earlier', async () => {
    const projection = await projectionOver(models[kind]());
    const knownInJuly = await projection.department('d1', 2020, { asOf: '2020-06-30', knownAt: '2020-07-31T00:00:00Z' });
    expect(knownInJuly).toMatchObject({ knownAt: '2020-07-31T00:00:00.000Z', paid: '0.00', executionRate: '0.00' });
    const knownLater = await projection.department('d1', 2020, { asOf: '2020-06-30', knownAt: '2020-08-21T00:00:00Z' });
    expect(knownLater).toMatchObject({ paid: '150.00', executionRate: '11.54' });
    const beforeAnything = await projection.department('d1', 2020, { asOf: '2020-12-31', knownAt: '2020-01-01T00:00:00Z' });
    expect(beforeAnything.projects).toEqual([]);
    expect(beforeAnything.executionRate).toBeNull();
  });

  it('gives null rates for a zero budget and refuses unknown departments and projects', async () => {
    const projection = await projectionOver(models[kind]());
    expect(await projection.project('a', { asOf: '2020-01-05' })).toMatchObject({ budgetCurrent: '0.00', executionRate: null, arrivalRate: null });
    await expect(projection.department('nope', 2020)).rejects.toMatchObject({ code: 'UNKNOWN_DEPARTMENT' });
    await expect(projection.project('nope')).rejects.toMatchObject({ code: 'UNKNOWN_PROJECT' });
  });

  it('rebuilds to the same figures and never double-counts on a second catch-up', async () => {
    const projection = await projectionOver(models[kind]());
    const before = await projection.department('d1', 2020, { asOf: '2020-12-31' });
    expect(await projection.catchUp()).toBe(0);
    expect(await projection.rebuild()).toBe(history.length);
    expect(await projection.department('d1', 2020, { asOf: '2020-12-31' })).toEqual(before);
  });
});

describe('running daily totals (sqlite) agree with summing the facts', () => {
  const days = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
  const FAR_FUTURE = '2999-01-01T00:00:00Z';

  it('for every day of the year, including payments recorded late and dated in the past', async () => {
    const backdated: Given = {
      stream: p('a'),
      type: 'PaymentMade',
      data: { projectId: 'a', paymentId: 'x2', occurredOn: '2020-03-01', amount: '12.34' },
      recordedAt: at('2020-09-01'),
    };
    const projection = await projectionOver(new SqliteProgressReadModel(new Database(':memory:')), [...history, backdated]);
    for (const asOf of days) {
      const fromTotals = await projection.department('d1', 2020, { asOf });
      const fromFacts = await projection.department('d1', 2020, { asOf, knownAt: FAR_FUTURE });
      const { knownAt: _a, ...totals } = fromTotals;
      const { knownAt: _b, ...facts } = fromFacts;
      expect(totals, asOf).toEqual(facts);
    }
  });

  it('a file of the earlier layout (one row per fact) is dropped and rebuilt from the log', async () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE rm_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
      CREATE TABLE rm_progress_facts (position INTEGER PRIMARY KEY, project_id TEXT);
      CREATE TABLE rm_progress_daily (project_id TEXT, occurred_on TEXT);
      INSERT INTO rm_checkpoints VALUES ('progress', 7);`);
    const model = new SqliteProgressReadModel(db);
    expect(model.position()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('rm_progress_facts', 'rm_progress_daily')").pluck().get()).toBe(0);
    const reference = await projectionOver(new MemoryProgressReadModel());
    const projection = await projectionOver(model);
    expect(await projection.department('d1', 2020, { asOf: '2020-07-01' })).toEqual(await reference.department('d1', 2020, { asOf: '2020-07-01' }));
  });
});

describe('sqlite read model: packed chunks and batches', () => {
  /** Many payments into one project, some dated before earlier-recorded ones, applied in pages of `page`. */
  function busyHistory(payments: number): Given[] {
    const events: Given[] = history.slice(0, 4);
    for (let i = 0; i < payments; i++) {
      const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
      const month = String(1 + (i % 12)).padStart(2, '0');
      events.push({ stream: p('a'), type: 'PaymentMade', data: { projectId: 'a', paymentId: `p${i}`, occurredOn: `2020-${month}-${day}`, amount: `${i % 97}.${String(i % 100).padStart(2, '0')}` }, recordedAt: at(`2020-${month}-${day}`) });
    }
    return events;
  }

  it('gives the memory model\'s figures at every month end whether applied in one batch or event by event, across chunks', async () => {
    const events = busyHistory(2_500);
    const reference = await projectionOver(new MemoryProgressReadModel(), events);
    const bulk = await projectionOver(new SqliteProgressReadModel(new Database(':memory:')), events);
    const db = new Database(':memory:');
    const oneByOne = new SqliteProgressReadModel(db);
    const source = await projectionOver(new MemoryProgressReadModel(), events);
    await source.catchUp();
    const stored = await (source as unknown as { store: MemoryEventStore }).store.readAll();
    for (const event of stored) oneByOne.apply([event]);
    expect(db.prepare("SELECT count(*) FROM rm_project_facts WHERE project_id = 'a'").pluck().get()).toBe(3); // 2,501 facts in chunks of 1,024
    const incremental = new ProgressProjection(new MemoryEventStore(), oneByOne);
    for (const month of ['01-31', '03-31', '06-30', '09-30', '12-31']) {
      const asOf = `2020-${month}`;
      const expected = await reference.department('d1', 2020, { asOf });
      expect(await bulk.department('d1', 2020, { asOf }), asOf).toEqual(expected);
      expect(await incremental.department('d1', 2020, { asOf }), asOf).toEqual(expected);
      expect(await bulk.department('d1', 2020, { asOf, knownAt: '2020-06-15T00:00:00Z' })).toEqual(await reference.department('d1', 2020, { asOf, knownAt: '2020-06-15T00:00:00Z' }));
    }
    expect(await bulk.curve('d1', 2020)).toEqual(await reference.curve('d1', 2020));
  });

  it('answers as-of reads from cached day totals that another process\'s writes invalidate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bem-rm-'));
    try {
      const file = join(dir, 'rm.sqlite');
      const [first, second] = [new SqliteProgressReadModel(new Database(file)), new SqliteProgressReadModel(new Database(file))];
      const source = await projectionOver(new MemoryProgressReadModel());
      const events = await (source as unknown as { store: MemoryEventStore }).store.readAll();
      first.apply(events.slice(0, 8));
      const before = [...first.totalsAsOf(['a', 'b'], '2020-12-31')];
      expect(before.map((t) => [t.projectId, t.paid])).toEqual([['a', '0'], ['b', '0']]);
      second.apply(events.slice(8)); // the other process writes: b's backdated payment of 150
      expect([...first.totalsAsOf(['a', 'b'], '2020-12-31')].map((t) => [t.projectId, t.paid, t.budgetCurrent])).toEqual([['a', '0', '1800.00'], ['b', '150.00', '300.00']]);
      first.apply(events); // nothing new for it: the checkpoint is already there
      expect([...first.totalsAsOf(['b'], '2020-03-31')].map((t) => t.paid)).toEqual(['150.00']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads only the event types it folds, and moves its checkpoint past the others', async () => {
    const model = new SqliteProgressReadModel(new Database(':memory:'));
    const projection = await projectionOver(model);
    const store = (projection as unknown as { store: MemoryEventStore }).store;
    expect(await projection.catchUp()).toBe(history.length);
    await store.append('monitoring-d1-2020', [{ id: '10000000-0000-4000-8000-000000000001', type: 'AlertsRaised', data: { alerts: [] } }]);
    expect(await projection.catchUp()).toBe(0);
    expect(model.position()).toBe(await store.headPosition());
    const reads: unknown[] = [];
    const spied = new Proxy(store, { get: (target, key) => (key === 'readAll' ? (options: unknown) => (reads.push(options), target.readAll(options as never)) : Reflect.get(target, key)) });
    expect(await new ProgressProjection(spied, model).catchUp()).toBe(0);
    expect(reads).toEqual([{ fromPosition: await store.headPosition(), limit: 10_000, types: expect.arrayContaining(['PaymentMade', 'ProjectRegistered']) }]);
  });

  it('drops a batch whose checkpoint another writer moved meanwhile (nothing counted twice)', async () => {
    const db = new Database(':memory:');
    const model = new SqliteProgressReadModel(db);
    const projection = await projectionOver(model);
    const events = await (projection as unknown as { store: MemoryEventStore }).store.readAll();
    const late = model.begin();
    late.add(events);
    model.apply(events.slice(0, 3)); // another instance wrote first
    expect(late.commit()).toBe(false);
    expect(model.position()).toBe(events[2].position);
    expect(await projection.catchUp()).toBe(events.length - 3);
    const reference = await projectionOver(new MemoryProgressReadModel());
    expect(await projection.department('d1', 2020)).toEqual(await reference.department('d1', 2020));
  });
});

describe('default business date', () => {
  it('is the last day of the fiscal year, or today when earlier', () => {
    expect(defaultAsOf(2020, '2026-11-25')).toBe('2020-12-31');
    expect(defaultAsOf(2026, '2026-11-25')).toBe('2026-11-25');
  });
});
