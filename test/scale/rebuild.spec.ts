import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bem, freshStore, json, ledgerFile } from '../support/cli';
import { generateLedger, oracle, pickFigures } from './support/ledger-oracle';
import { type ApiProcess, ROOT, adminToken, childEnv, request, startApiProcess } from './support/processes';

const run = promisify(execFile);

/** `bem rebuild --projection progress`: a new read model beside the live one, parity, then the switch. */
async function importedStore(departments = 3, movements = 150) {
  const store = freshStore();
  const ledger = generateLedger(departments, movements, 5, 'rb');
  const imported = await bem(store, 'import', ledgerFile(ledger), '--json');
  expect(imported.code, imported.stderr).toBe(0);
  return { store, ledger };
}

async function figuresOf(store: string, code: string) {
  const run = await bem(store, 'progress', '--department', code, '--year', '2021', '--as-of', '2021-12-31', '--json');
  expect(run.code, run.stderr).toBe(0);
  return pickFigures(json(run) as never);
}

const sideFiles = (store: string) => readdirSync(dirname(store)).filter((name) => name.includes('.rebuild-'));

describe('bem rebuild --projection progress', () => {
  it('rebuilds from position 0 beside the live model, reports events/s and parity, then switches', async () => {
    const { store, ledger } = await importedStore();
    await figuresOf(store, 'rb-d0'); // the live model has caught up
    const rebuilt = await bem(store, 'rebuild', '--projection', 'progress', '--json');
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const report = json(rebuilt);
    const head = ledger.length; // one event per command in this ledger
    expect(report).toMatchObject({ projection: 'progress', events: head, position: head, switched: true, parity: { ok: true, departmentYears: 3, mismatches: [] } });
    expect(report.eventsPerSecond).toBeGreaterThan(0);
    for (const [key, figures] of oracle(ledger)) expect(await figuresOf(store, key.split('/')[0]), key).toEqual(figures);
    expect(sideFiles(store)).toEqual([]);

    const text = await bem(store, 'rebuild', '--projection', 'progress');
    expect(text.stdout).toMatch(/events\/s/);
    expect(text.stdout).toMatch(/parity ok \(3 department-years\)/);
  }, 60_000);

  it('refuses to switch when the figures differ (exit 1, new model kept aside); --force switches', async () => {
    const { store, ledger } = await importedStore();
    await figuresOf(store, 'rb-d1');
    const db = new Database(store);
    // The running totals answer as-of reads: damage one project's.
    db.prepare("DELETE FROM rm_project_days WHERE project_id = (SELECT MIN(project_id) FROM rm_project_days WHERE department_code = 'rb-d1')").run();
    db.close();
    const damaged = await figuresOf(store, 'rb-d1');
    const expected = oracle(ledger).get('rb-d1/2021');
    expect(damaged).not.toEqual(expected);

    const refused = await bem(store, 'rebuild', '--projection', 'progress', '--json');
    expect(refused.code).toBe(1);
    const report = json(refused);
    expect(report).toMatchObject({ switched: false, parity: { ok: false, departmentYears: 3 } });
    expect(report.parity.mismatches.map((m: { departmentCode: string; fiscalYear: number }) => `${m.departmentCode}/${m.fiscalYear}`)).toEqual(['rb-d1/2021']);
    expect(refused.stderr).toMatch(/rb-d1 2021/);
    expect(existsSync(report.builtIn)).toBe(true);
    expect(await figuresOf(store, 'rb-d1')).toEqual(damaged); // the live model is untouched

    const forced = await bem(store, 'rebuild', '--projection', 'progress', '--force', '--json');
    expect(forced.code, forced.stderr).toBe(0);
    expect(json(forced)).toMatchObject({ switched: true, parity: { ok: false } });
    expect(await figuresOf(store, 'rb-d1')).toEqual(expected);
  }, 60_000);

  it('rebuilds a read model kept in its own file (BEM_READMODEL_STORE)', async () => {
    const { store, ledger } = await importedStore(2, 60);
    const readModel = `${store}.readmodel.sqlite`;
    const saved = process.env.BEM_READMODEL_STORE;
    process.env.BEM_READMODEL_STORE = readModel;
    try {
      const rebuilt = await bem(store, 'rebuild', '--projection', 'progress', '--json');
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      expect(json(rebuilt)).toMatchObject({ switched: true, builtIn: readModel, parity: { ok: true, departmentYears: 2 } });
      expect(await figuresOf(store, 'rb-d0')).toEqual(oracle(ledger).get('rb-d0/2021'));
    } finally {
      if (saved === undefined) delete process.env.BEM_READMODEL_STORE;
      else process.env.BEM_READMODEL_STORE = saved;
    }
    const db = new Database(readModel, { readonly: true });
    expect(db.prepare("SELECT position FROM rm_checkpoints WHERE name = 'progress'").pluck().get()).toBe(ledger.length);
    db.close();
  }, 60_000);

  it('rejects an unknown projection as a usage error', async () => {
    const store = freshStore();
    expect((await bem(store, 'token', 'create', '--role', 'auditor', '--departments', '*', '--json')).code).toBe(0);
    expect((await bem(store, 'rebuild', '--projection', 'alerts')).code).toBe(2);
    expect((await bem(store, 'rebuild')).code).toBe(2);
  });

  describe('without downtime', () => {
    let api: ApiProcess | undefined;
    afterEach(async () => api?.stop());

    it('a running api instance keeps answering, with the same figures, while another process rebuilds and switches', async () => {
      const { store, ledger } = await importedStore(3, 400);
      const token = await adminToken(store);
      api = await startApiProcess({ BEM_STORE: store });
      const expected = oracle(ledger).get('rb-d2/2021');
      let reading = true;
      let reads = 0;
      const reader = (async () => {
        while (reading) {
          const reply = await request(api!.url, token, 'GET', '/api/v1/departments/rb-d2/progress?year=2021&asOf=2021-12-31');
          expect(reply.status).toBe(200);
          expect(pickFigures(reply.body)).toEqual(expected);
          reads += 1;
        }
      })();
      const { stdout } = await run('npm', ['run', '-s', 'bem', '--', 'rebuild', '--projection', 'progress', '--json', '--store', store], {
        cwd: ROOT,
        env: childEnv({}),
      });
      reading = false;
      await reader;
      expect(JSON.parse(stdout)).toMatchObject({ switched: true, parity: { ok: true } });
      expect(reads).toBeGreaterThan(0);
    }, 90_000);
  });
});
