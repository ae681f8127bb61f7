import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisProcess } from '../jobs/support/redis-server';
import { PostgresServer, postgresTestsEnabled } from '../support/postgres-server';
import { type StartedProcess, type StartedProduct, bem, http, productToken, startProduct, startWorkerProcess, tempDir } from '../support/product';

const PROJECT = 'pgc-2025-p1';
const BUDGET = '1000000.00';
const PAYERS = 4;
const PAYMENTS_PER_PAYER = 12;

/** A payment of 1.00–200.99 元 derived from its number (no Math.random: a failure can be replayed). */
const amountOf = (payer: number, i: number): string => new Decimal(((payer * 7919 + i * 104729) % 20000) + 100).div(100).toFixed(2);

describe.runIf(postgresTestsEnabled())('two npm start instances and npm run worker on one PostgreSQL and one Redis', () => {
  let server: PostgresServer;
  let redis: RedisProcess;
  let storeUrl: string;
  let a: StartedProduct;
  let b: StartedProduct;
  let worker: StartedProcess;
  let token: string;
  const dir = tempDir('bem-pg-cluster-');

  beforeAll(async () => {
    server = await PostgresServer.start();
    redis = await RedisProcess.start();
    storeUrl = server.schemaUrl('cluster');
    const env = (name: string) => ({ BEM_WORKER: 'external', BEM_REDIS_URL: redis.url, BEM_READMODEL_STORE: join(dir, `${name}-read-models.sqlite`) });
    a = await startProduct({ store: storeUrl, env: env('a') }); // seeds the demo into the empty store
    b = await startProduct({ store: storeUrl, env: env('b') });
    worker = startWorkerProcess(storeUrl, env('worker'));
    token = await productToken({ store: storeUrl });
  }, 240_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), worker?.stop()]);
    await redis?.kill();
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const command = (product: StartedProduct, body: Record<string, unknown>) => http(product.url, 'POST', '/api/v1/commands', { token, body, headers: { 'idempotency-key': String(body.id) } });

  it('a write through one instance is read through the other within 2 s', async () => {
    const setup = [
      { command: 'RegisterDepartment', id: 'pgc-c1', departmentCode: 'pgc-d', name: '集群演练部门' },
      { command: 'RegisterProject', id: 'pgc-c2', projectId: PROJECT, departmentCode: 'pgc-d', fiscalYear: 2025, name: '集群支付项目', kind: 'project' },
      { command: 'IssueBudget', id: 'pgc-c3', projectId: PROJECT, occurredOn: '2025-01-10', amount: BUDGET, source: 'own', basis: 'initial' },
    ];
    for (const body of setup) expect((await command(a, body)).status).toBe(201);
    const written = Date.now();
    let seen: { budgetCurrent?: string } = {};
    while (Date.now() - written < 5000) {
      const reply = await http(b.url, 'GET', `/api/v1/projects/${PROJECT}/progress?asOf=2025-12-31`, { token });
      if (reply.status === 200 && (seen = reply.json()).budgetCurrent === BUDGET) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.budgetCurrent).toBe(BUDGET);
    expect(Date.now() - written).toBeLessThan(2000);
  });

  it('kill -9 of one instance while four payers post to both: every payment answered 2xx, stored once, read models equal the log', async () => {
    const answered: { paymentId: string; status: number; retries: number }[] = [];
    let killed = false;
    const pay = async (payer: number): Promise<void> => {
      for (let i = 0; i < PAYMENTS_PER_PAYER; i++) {
        const body = { command: 'RecordPayment', id: `pgc-pay-${payer}-${i}`, projectId: PROJECT, paymentId: `pgc-pay-${payer}-${i}`, occurredOn: '2025-03-01', amount: amountOf(payer, i) };
        let target = (payer + i) % 2 === 0 ? a : b;
        for (let retries = 0; ; retries++) {
          try {
            const reply = await command(target, body);
            answered.push({ paymentId: body.paymentId, status: reply.status, retries });
            break;
          } catch {
            // connection refused or reset: the same command (same id and Idempotency-Key) to the surviving instance
            if (retries > 20) throw new Error(`payment ${body.paymentId} never answered`);
            target = b;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        if (payer === 0 && i === 3 && !killed) {
          killed = true;
          void a.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: PAYERS }, (_, payer) => pay(payer)));
    expect(killed).toBe(true);
    const retried = answered.filter((reply) => reply.retries > 0);
    expect(retried.length).toBeGreaterThan(0); // payments meant for the killed instance went to the survivor
    console.log(`cluster drill: ${answered.length} payments, ${retried.length} retried against the survivor after kill -9`);
    expect(answered).toHaveLength(PAYERS * PAYMENTS_PER_PAYER);
    expect(answered.filter((reply) => reply.status < 200 || reply.status >= 300)).toEqual([]);

    // The log, read independently of the product.
    const client = new Client(server.url);
    await client.connect();
    const { rows } = await client.query<{ data: { paymentId: string; amount: string } }>(
      "SELECT data FROM cluster.events WHERE stream = $1 AND type = 'PaymentMade' ORDER BY revision",
      [`project-${PROJECT}`],
    );
    const gaps = await client.query<{ gaps: string }>('SELECT count(*) - (max(position) - min(position) + 1) AS gaps FROM cluster.events');
    await client.end();
    const perPayment = new Map<string, number>();
    for (const row of rows) perPayment.set(row.data.paymentId, (perPayment.get(row.data.paymentId) ?? 0) + 1);
    expect(perPayment.size).toBe(PAYERS * PAYMENTS_PER_PAYER);
    expect([...perPayment.values()].every((count) => count === 1)).toBe(true);
    expect(Number(gaps.rows[0].gaps)).toBe(0);
    const paidInLog = rows.reduce((sum, row) => sum.plus(row.data.amount), new Decimal(0));
    expect(paidInLog.lte(BUDGET)).toBe(true);

    // The surviving instance's read model and a fresh CLI over the same store both equal the log's sum.
    const progress = await http(b.url, 'GET', `/api/v1/projects/${PROJECT}/progress?asOf=2025-12-31`, { token });
    expect(progress.json().paid).toBe(paidInLog.toFixed(2));
    const cli = await bem(['progress', '--department', 'pgc-d', '--year', '2025', '--project', PROJECT, '--as-of', '2025-12-31', '--store', storeUrl, '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).paid).toBe(paidInLog.toFixed(2));
    expect(worker.child.exitCode).toBeNull();
  }, 120_000);
});
