import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../apps/api/src/create-app';
import { runCli } from '../apps/cli/src/cli';
import { machine, maxRssMB, ms, now, percentile, printRows, quietIO } from './support';

/**
 * HTTP payment commands (POST /api/v1/commands, one RecordPayment each, bearer token) against the bare endpoint of
 * the same server (GET /health), with a small fetch loop on 127.0.0.1: BENCH_REQUESTS requests (default 5,000;
 * BENCH_COMMANDS/2 when given, so the smoke stays tiny) with BENCH_CONCURRENCY in flight (default 8).
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? (process.env.BENCH_COMMANDS ? Math.max(50, Math.floor(Number(process.env.BENCH_COMMANDS) / 2)) : 5_000));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

async function load(count: number, send: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = now();
        const status = await send(i);
        latencies.push(now() - t);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = now() - started;
  latencies.sort((a, b) => a - b);
  return { rps: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), statuses: Object.fromEntries(statuses) };
}

async function main() {
  const store = join(mkdtempSync(join(tmpdir(), 'bem-bench-http-')), 'bem.sqlite');
  const out: string[] = [];
  if ((await runCli(['token', 'create', '--role', 'admin', '--departments', '*', '--json', '--store', store], quietIO(out))) !== 0) throw new Error('token create failed');
  const token = (JSON.parse(out.join('')) as { token: string }).token;
  const api = await createApp({ storeSpec: store, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  try {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = async (body: unknown) => {
      const response = await fetch(`${api.url}/api/v1/commands`, { method: 'POST', headers, body: JSON.stringify(body) });
      await response.arrayBuffer();
      return response.status;
    };
    for (const body of [
      { command: 'RegisterDepartment', id: 'h-1', departmentCode: 'h-d', name: '压测部门' },
      { command: 'RegisterProject', id: 'h-2', projectId: 'h-p', departmentCode: 'h-d', fiscalYear: 2025, name: '压测项目', kind: 'project' },
      { command: 'IssueBudget', id: 'h-3', projectId: 'h-p', occurredOn: '2025-01-10', amount: '9000000000000.00', source: 'own', basis: 'initial' },
    ]) {
      const status = await post(body);
      if (status !== 201) throw new Error(`setup command answered ${status}`);
    }
    const health = async () => {
      const response = await fetch(`${api.url}/health`);
      await response.arrayBuffer();
      return response.status;
    };
    await load(Math.min(200, REQUESTS), health); // warm-up
    const bare = await load(REQUESTS, health);
    const payments = await load(REQUESTS, (i) =>
      post({ command: 'RecordPayment', id: `h-pay-${i}`, projectId: 'h-p', paymentId: `h-pay-${i}`, occurredOn: '2025-06-01', amount: `${1 + (i % 997)}.00`, economicCode: '30201' }),
    );
    printRows(`HTTP commands (${REQUESTS} requests, ${CONCURRENCY} in flight, one process)`, [
      ['machine', machine()],
      ['GET /health req/s (baseline)', bare.rps.toFixed(0)],
      ['GET /health p50 / p99', `${ms(bare.p50)} / ${ms(bare.p99)}`],
      ['POST /api/v1/commands (RecordPayment) req/s', payments.rps.toFixed(0)],
      ['POST payment p50 / p99', `${ms(payments.p50)} / ${ms(payments.p99)}`],
      ['payment statuses', JSON.stringify(payments.statuses)],
      ['payment req/s / health req/s', (payments.rps / bare.rps).toFixed(3)],
      ['payment p99 / health p99', (payments.p99 / bare.p99).toFixed(2)],
      ['peak RSS', `${maxRssMB()} MB`],
    ]);
    if (payments.statuses[201] !== REQUESTS) throw new Error(`not every payment was accepted: ${JSON.stringify(payments.statuses)}`);
  } finally {
    await api.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
