import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Command, generateLedger, oracle, pickFigures } from './support/ledger-oracle';
import { type ApiProcess, adminToken, request, startApiProcess } from './support/processes';

/**
 * Architecture §8 with the sqlite store: N api processes over one log, each keeping its read model by
 * catch-up from a stored checkpoint. Real processes, real HTTP, figures checked against an oracle
 * computed from the ledger with decimal.js.
 */
const dir = mkdtempSync(join(tmpdir(), 'bem-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const running: ApiProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((api) => api.stop()));
});
const start = async (env: { BEM_STORE: string; BEM_READMODEL_STORE?: string }) => {
  const api = await startApiProcess(env);
  running.push(api);
  return api;
};

const YEAR_END = '?year=2021&asOf=2021-12-31';

async function post(api: ApiProcess, token: string, commands: readonly Command[]): Promise<void> {
  for (const body of commands) {
    const reply = await request(api.url, token, 'POST', '/api/v1/commands', body);
    if (reply.status !== 201) throw new Error(`${body.id} refused (${reply.status}): ${JSON.stringify(reply.body)}`);
  }
}

/** Polls GET progress on `api` until it shows `expected` (at most `ms`); returns how long it took. */
async function visibleWithin(api: ApiProcess, token: string, code: string, expected: unknown, ms = 2000): Promise<number> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started <= ms) {
    const reply = await request(api.url, token, 'GET', `/api/v1/departments/${code}/progress${YEAR_END}`);
    if (reply.status === 200) {
      last = pickFigures(reply.body);
      if (JSON.stringify(last) === JSON.stringify(expected)) return Date.now() - started;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not visible within ${ms} ms: expected ${JSON.stringify(expected)}, last ${JSON.stringify(last)}`);
}

/** Every department-year through `api` equals the oracle of `ledger`. */
async function expectOracle(api: ApiProcess, token: string, ledger: readonly Command[]): Promise<void> {
  for (const [key, figures] of oracle(ledger)) {
    const [code] = key.split('/');
    const reply = await request(api.url, token, 'GET', `/api/v1/departments/${code}/progress${YEAR_END}`);
    expect(reply.status).toBe(200);
    expect(pickFigures(reply.body), key).toEqual(figures);
  }
}

const countAfter = (store: string, position: number): number => {
  const db = new Database(store, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM events WHERE position > ?').pluck().get(position) as number;
  } finally {
    db.close();
  }
};

describe('api instances over one sqlite log, each with its own read model (BEM_READMODEL_STORE)', () => {
  const store = join(dir, 'shared.sqlite');
  const readModelOf = (name: string) => join(dir, `readmodel-${name}.sqlite`);
  const ledger = generateLedger(4, 160, 11);
  const setupLength = ledger.filter((c) => ['RegisterDepartment', 'RegisterProject', 'IssueBudget'].includes(c.command)).length;
  let token = '';

  beforeAll(async () => {
    token = await adminToken(store);
  }, 60_000);

  it('a write through one instance is visible through the other within 2 s', async () => {
    const [a, b] = await Promise.all([start({ BEM_STORE: store, BEM_READMODEL_STORE: readModelOf('a') }), start({ BEM_STORE: store, BEM_READMODEL_STORE: readModelOf('b') })]);
    const setup = ledger.filter((c) => ['RegisterDepartment', 'RegisterProject', 'IssueBudget'].includes(c.command));
    await post(a, token, setup);
    const movements = ledger.slice(setup.length, setup.length + 40);
    const latencies: number[] = [];
    for (let i = 0; i < movements.length; i += 1) {
      const writer = i % 2 === 0 ? a : b;
      const reader = writer === a ? b : a;
      await post(writer, token, [movements[i]]);
      const written = [...setup, ...movements.slice(0, i + 1)];
      const code = written.find((c) => c.command === 'RegisterProject' && c.projectId === movements[i].projectId)?.departmentCode as string;
      latencies.push(await visibleWithin(reader, token, code, oracle(written).get(`${code}/2021`)));
    }
    expect(Math.max(...latencies)).toBeLessThanOrEqual(2000);
    await expectOracle(a, token, [...setup, ...movements]);
    await expectOracle(b, token, [...setup, ...movements]);
  }, 120_000);

  it('a restarted instance catches up from its checkpoint: only the new events, totals equal the oracle', async () => {
    const a = await start({ BEM_STORE: store, BEM_READMODEL_STORE: readModelOf('a') });
    let b = await start({ BEM_STORE: store, BEM_READMODEL_STORE: readModelOf('b') });
    const done = ledger.slice(0, setupLength + 40); // what the first test wrote
    await expectOracle(b, token, done);
    const checkpoint = new Database(readModelOf('b'), { readonly: true });
    await b.stop();
    const stoppedAt = checkpoint.prepare("SELECT position FROM rm_checkpoints WHERE name = 'progress'").pluck().get() as number;
    checkpoint.close();

    const rest = ledger.slice(done.length);
    await post(a, token, rest); // b is down meanwhile
    const missed = countAfter(store, stoppedAt);
    expect(missed).toBeGreaterThan(0);

    b = await start({ BEM_STORE: store, BEM_READMODEL_STORE: readModelOf('b') });
    expect(b.started.checkpoint).toBe(stoppedAt);
    expect(b.started.caughtUp).toBe(missed); // not one event applied twice, none skipped
    await expectOracle(b, token, ledger);
    await expectOracle(a, token, ledger);
  }, 120_000);
});

describe('api instances sharing the read model in the store file (the default without BEM_READMODEL_STORE)', () => {
  it('concurrent catch-ups of two processes neither fail nor double-count', async () => {
    const store = join(dir, 'default.sqlite');
    const token = await adminToken(store);
    const ledger = generateLedger(3, 120, 23, 'df');
    const [a, b] = await Promise.all([start({ BEM_STORE: store }), start({ BEM_STORE: store })]);
    const setup = ledger.filter((c) => ['RegisterDepartment', 'RegisterProject', 'IssueBudget'].includes(c.command));
    await post(a, token, setup);
    const movements = ledger.slice(setup.length);
    // Writes through a, reads through both at once: both processes catch up the same tables concurrently.
    const reads = async () => {
      for (let i = 0; i < 30; i += 1) {
        const replies = await Promise.all([a, b].map((api) => request(api.url, token, 'GET', `/api/v1/departments/df-d0/progress${YEAR_END}`)));
        for (const reply of replies) expect(reply.status).toBe(200);
      }
    };
    await Promise.all([post(a, token, movements.slice(0, 60)), reads(), post(b, token, [])]);
    await post(b, token, movements.slice(60));
    await expectOracle(a, token, ledger);
    await expectOracle(b, token, ledger);
  }, 120_000);
});
