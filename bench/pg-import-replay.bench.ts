import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { runCli } from '../apps/cli/src/cli';
import { openRuntime } from '../apps/cli/src/runtime';
import { PostgresEventStore } from '../libs/event-store/src';
import { PostgresServer } from '../test/support/postgres-server';
import { generateLedger } from './generate-ledger';

/**
 * npm run bench:pg (and bench:all): a generated ledger (BENCH_PG_COMMANDS, default 100,000 commands) imported through
 * `bem import --store postgres://…` into a throw-away PostgreSQL server (or BEM_BENCH_POSTGRES_URL), beside the
 * ceiling: the same rows sent by batched multi-row INSERTs (5,000 rows, one transaction) into the same table on the
 * same server, right after it. Then a replay (`bem replay`) and a catch-up of a fresh instance's progress read model.
 * Goal: import at least 0.5 × the ceiling. Each phase runs in its own process. Besides wall time each phase reports
 * the CPU it used, its own (all threads) and the server's (every process of a throw-away local server): on a shared
 * machine the wall-time ratio follows the load, the CPU split says where the import's time goes.
 */
const COMMANDS = Number(process.env.BENCH_PG_COMMANDS ?? 100_000);
const ROOT = resolve(__dirname, '..');
const BATCH = 5000;

const quietIO = (sink: string[]) => ({ stdout: (t: string) => void sink.push(t), stderr: (t: string) => void process.stderr.write(t), stderrIsTTY: false });
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds of this process so far, every thread (the import's parse worker included). */
const ownCpu = () => {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  return (userCPUTime + systemCPUTime) / 1e6;
};

/** CPU seconds of a local server: its postmaster (with the children it reaped) and its live processes; null when not local. */
function serverCpu(postmaster: number | null): number | null {
  if (postmaster === null) return null;
  const ticks = (pid: number | string, withChildren: boolean) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]) + (withChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  };
  let total = ticks(postmaster, true);
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster) total += ticks(pid, false);
    } catch {
      // the process ended meanwhile: its time is in the postmaster's reaped children
    }
  }
  return total / 100; // USER_HZ
}

/** The postmaster of the server at `url` when it runs on this machine (a backend's parent), else null. */
async function localPostmaster(url: string): Promise<number | null> {
  const client = new Client(url);
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  try {
    // Read while the backend lives: its parent is the postmaster
    return Number(readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** One phase, in this process: prints one JSON line. */
async function phase(name: string, args: string[]): Promise<void> {
  const started = process.hrtime.bigint();
  if (name === 'import' || name === 'replay') {
    const out: string[] = [];
    const argv = name === 'import' ? ['import', args[0], '--store', args[1], '--json'] : ['replay', '--store', args[0], '--json'];
    const cpuBefore = ownCpu();
    const code = await runCli(argv, quietIO(out));
    if (code !== 0) throw new Error(`${name} failed with exit ${code}`);
    console.log(JSON.stringify({ seconds: seconds(started), cpu: ownCpu() - cpuBefore, maxRssMB: maxRssMB(), output: JSON.parse(out.join('')) }));
  } else if (name === 'catch-up') {
    // A fresh instance: its progress read model in memory, caught up from position 0 by the one-thread subscription.
    process.env.BEM_READMODEL_STORE = 'memory';
    const runtime = await openRuntime(args[0]);
    await runtime.progress.catchUp();
    const events = await runtime.store.headPosition();
    await runtime.close();
    console.log(JSON.stringify({ seconds: seconds(started), maxRssMB: maxRssMB(), events }));
  } else if (name === 'raw') {
    console.log(JSON.stringify(await rawCeiling(args[0], args[1])));
  } else throw new Error(`unknown phase ${name}`);
}

/** The ceiling: the rows of `from` (a store URL) inserted into the empty events table of `to`, 5,000 rows per INSERT. */
async function rawCeiling(from: string, to: string) {
  const target = PostgresEventStore.connect(to);
  await target.headPosition(); // creates the schema: the same table, indexes and constraints
  await target.close();
  const url = (spec: string) => spec.replace(/\?.*$/, '');
  const schema = (spec: string) => new URL(spec).searchParams.get('schema') as string;
  const source = new Client(url(from));
  await source.connect();
  const { rows } = await source.query({
    text: `SELECT position, id, stream, revision, type, data::text, metadata::text, recorded_at FROM ${schema(from)}.events ORDER BY position`,
    rowMode: 'array',
  });
  await source.end();
  const client = new Client(url(to));
  await client.connect();
  const started = process.hrtime.bigint();
  const cpuBefore = ownCpu();
  await client.query('BEGIN');
  for (let start = 0; start < rows.length; start += BATCH) {
    const chunk = rows.slice(start, start + BATCH) as unknown[][];
    const columns = Array.from({ length: 8 }, (_, c) => chunk.map((row) => row[c]));
    await client.query(
      `INSERT INTO ${schema(to)}.events (position, id, stream, revision, type, data, metadata, recorded_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::json[], $7::json[], $8::text[])`,
      columns,
    );
  }
  await client.query('COMMIT');
  const took = seconds(started);
  const cpu = ownCpu() - cpuBefore;
  await client.end();
  return { seconds: took, cpu, rows: rows.length, maxRssMB: maxRssMB() };
}

let postmaster: number | null = null;

/** Runs a phase in a child process; adds the server's CPU seconds over it and the load average at its start. */
function runPhase(...args: string[]) {
  const serverBefore = serverCpu(postmaster);
  const load = loadavg()[0];
  const output = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--phase', ...args], { cwd: ROOT, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  const serverAfter = serverCpu(postmaster);
  const result = JSON.parse(output.toString().trim().split('\n').pop() as string);
  return { ...result, load, serverCpu: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore };
}

/** "client 4.31 s + server 1.40 s CPU, load 7.2" */
const cpuOf = (phase: { cpu?: number; serverCpu: number | null; load: number }) =>
  `client ${phase.cpu?.toFixed(2) ?? '?'} s + server ${phase.serverCpu === null ? '? (not local)' : `${phase.serverCpu.toFixed(2)} s`} CPU, load ${phase.load.toFixed(1)}`;

async function main() {
  const ledger = join(tmpdir(), `bem-bench-${COMMANDS}.jsonl`);
  if (!existsSync(ledger)) {
    const written = await generateLedger(ledger, { commands: COMMANDS, departments: 100, projectsPerDepartment: 20, fiscalYear: 2025 });
    console.log(`generated ${written} commands -> ${ledger}`);
  }
  const given = process.env.BEM_BENCH_POSTGRES_URL?.trim();
  if (given) process.env.BEM_TEST_POSTGRES_URL = given;
  const server = await PostgresServer.start();
  try {
    const run = `b${Date.now().toString(36)}`;
    const store = server.schemaUrl(`${run}_store`);
    postmaster = await localPostmaster(server.url);
    const imported = runPhase('import', ledger, store);
    const raw = runPhase('raw', store, server.schemaUrl(`${run}_raw`));
    const replayed = runPhase('replay', store);
    const caughtUp = runPhase('catch-up', store);
    const sizing = new Client(server.url);
    await sizing.connect();
    const { rows: size } = await sizing.query<{ bytes: string }>(`SELECT pg_total_relation_size('${run}_store.events') AS bytes`);
    await sizing.end();
    const events = imported.output.events as number;
    const rawRate = raw.rows / raw.seconds;
    const importRate = events / imported.seconds;
    const rows = [
      ['machine', `${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`],
      ['server', given ? 'BEM_BENCH_POSTGRES_URL' : 'throw-away local PostgreSQL (fsync=off, synchronous_commit=off)'],
      ['import', `${imported.output.commands} commands, ${events} events in ${imported.seconds.toFixed(2)} s (peak RSS ${imported.maxRssMB} MB)`],
      ['import events/s', Math.round(importRate).toLocaleString('en')],
      ['import CPU', cpuOf(imported)],
      ['raw multi-row INSERT rows/s (ceiling)', `${Math.round(rawRate).toLocaleString('en')} (${raw.rows} rows in ${raw.seconds.toFixed(2)} s)`],
      ['ceiling CPU', cpuOf(raw)],
      ['import / raw ratio (goal ≥ 0.5)', (importRate / rawRate).toFixed(3)],
      ['replay', `${replayed.output.events ?? '?'} events in ${replayed.seconds.toFixed(2)} s: ${Math.round((replayed.output.events ?? events) / replayed.seconds).toLocaleString('en')} events/s`],
      ['catch-up of a fresh instance', `${caughtUp.events} events in ${caughtUp.seconds.toFixed(2)} s: ${Math.round(caughtUp.events / caughtUp.seconds).toLocaleString('en')} events/s (peak RSS ${caughtUp.maxRssMB} MB)`],
      ['events table with indexes', `${(Number(size[0].bytes) / 1048576).toFixed(1)} MB: ${Math.round(Number(size[0].bytes) / events)} bytes per event`],
      ['replay / raw ratio', ((replayed.output.events ?? events) / replayed.seconds / rawRate).toFixed(3)],
    ];
    for (const [name, value] of rows) console.log(`${name.padEnd(40)} ${value}`);
  } finally {
    server.stop();
  }
}

const phaseAt = process.argv.indexOf('--phase');
(phaseAt >= 0 ? phase(process.argv[phaseAt + 1], process.argv.slice(phaseAt + 2)) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
