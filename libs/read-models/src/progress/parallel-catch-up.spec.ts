import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventStore, SqliteEventStore, type EventStore, openEventStore } from '@bem/event-store';
import { PostgresServer, postgresTestsEnabled } from '../../../../test/support/postgres-server';
import { MemoryProgressReadModel } from './memory-progress-read-model';
import { catchUpInParallel } from './parallel-catch-up';
import { ProgressProjection } from './progress-projection';
import { SqliteProgressReadModel } from './sqlite-progress-read-model';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Two departments, 30 projects, 3,000 money events (some backdated), appended to `store`. */
async function fill(store: EventStore): Promise<void> {
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const at = (day: number) => new Date(Date.UTC(2024, 0, 1 + day, 9)).toISOString();
  const on = (day: number) => at(day).slice(0, 10);
  for (const code of ['d0', 'd1']) {
    await store.append(`department-${code}`, [{ id: id(), type: 'DepartmentRegistered', data: { departmentCode: code, name: `部门${code}` }, recordedAt: at(0) }]);
  }
  for (let p = 0; p < 30; p++) {
    await store.append(`project-p${p}`, [
      { id: id(), type: 'ProjectRegistered', data: { projectId: `p${p}`, departmentCode: `d${p % 2}`, fiscalYear: 2024, name: `项目${p}`, kind: 'project' }, recordedAt: at(0) },
      { id: id(), type: 'BudgetIssued', data: { projectId: `p${p}`, occurredOn: on(0), amount: '100000.00', source: 'own', basis: 'initial' }, recordedAt: at(0) },
    ]);
  }
  for (let i = 0; i < 3_000; i++) {
    const p = (i * 7) % 30;
    const day = (i * 13) % 360;
    const type = i % 5 === 0 ? 'FundsArrived' : i % 11 === 0 ? 'BudgetAdjusted' : 'PaymentMade';
    const data =
      type === 'FundsArrived' ? { projectId: `p${p}`, occurredOn: on(day), amount: '50.05', source: 'own' }
      : type === 'BudgetAdjusted' ? { projectId: `p${p}`, occurredOn: on(day), delta: '-1.10', kind: 'decrease', reason: '压减' }
      : { projectId: `p${p}`, paymentId: `x${i}`, occurredOn: on(day), amount: `${i % 90}.${String(i % 100).padStart(2, '0')}` };
    await store.append(`project-p${p}`, [{ id: id(), type, data, recordedAt: at(Math.min(365, day + (i % 3) * 20)) }]);
  }
}

/** Fills `store`, catches `model` up in 3 threads, and compares every view with a one-by-one replay in memory. */
async function expectParallelEqualsReference(store: EventStore, model: SqliteProgressReadModel): Promise<void> {
    await fill(store);
    const memoryStore = new MemoryEventStore();
    for (const event of await store.readAll()) await memoryStore.append(event.stream, [{ id: event.id, type: event.type, data: event.data, recordedAt: event.recordedAt }]);

    const applied = await catchUpInParallel(store, model, undefined, { minEvents: 1, threads: 3 });
    expect(applied).toBe(await store.headPosition());
    expect(model.position()).toBe(await store.headPosition());

    const parallel = new ProgressProjection(store, model);
    const reference = new ProgressProjection(memoryStore, new MemoryProgressReadModel());
    for (const code of ['d0', 'd1']) {
      for (const asOf of ['2024-02-29', '2024-06-30', '2024-12-31']) {
        expect(await parallel.department(code, 2024, { asOf }), `${code} ${asOf}`).toEqual(await reference.department(code, 2024, { asOf }));
        const knownAt = '2024-07-15T00:00:00.000Z';
        expect(await parallel.department(code, 2024, { asOf, knownAt })).toEqual(await reference.department(code, 2024, { asOf, knownAt }));
      }
      expect(await parallel.curve(code, 2024)).toEqual(await reference.curve(code, 2024));
    }
    await store.close();
}

describe('parallel catch-up (worker threads over position ranges of the store)', () => {
  it('builds the same read model as reading every event in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bem-parallel-'));
    dirs.push(dir);
    const store = SqliteEventStore.open(join(dir, 'bem.sqlite'));
    await expectParallelEqualsReference(store, new SqliteProgressReadModel(store.db));
  });

  describe.runIf(postgresTestsEnabled())('on PostgreSQL (each thread reads its range on its own connection)', () => {
    let server: PostgresServer;
    beforeAll(async () => {
      server = await PostgresServer.start();
    });
    afterAll(() => server?.stop());

    it('builds the same read model as reading every event in order', async () => {
      const store = openEventStore(server.schemaUrl('parallel'));
      await expectParallelEqualsReference(store, new SqliteProgressReadModel(new Database(':memory:')));
    }, 60_000);
  });

  it('stays out of the way where it cannot help: memory stores, in-memory databases, few events', async () => {
    const memory = new MemoryEventStore();
    await fill(memory);
    expect(await catchUpInParallel(memory, new MemoryProgressReadModel(), undefined, { minEvents: 1, threads: 2 })).toBe(0);
    const inMemory = SqliteEventStore.open(':memory:');
    await fill(inMemory);
    expect(await catchUpInParallel(inMemory, new SqliteProgressReadModel(inMemory.db), undefined, { minEvents: 1, threads: 2 })).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'bem-parallel-'));
    dirs.push(dir);
    const small = SqliteEventStore.open(join(dir, 'bem.sqlite'));
    await fill(small);
    expect(await catchUpInParallel(small, new SqliteProgressReadModel(small.db), undefined, { threads: 2 })).toBe(0);
    await small.close();
  });
});
