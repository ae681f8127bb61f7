import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
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
 * same server. Then a replay (`bem replay`) and a catch-up of a fresh instance's progress read model. Goal: import
 * at least 0.5 × the ceiling. Each phase runs in its own process.
 */
const COMMANDS = Number(process.env.BENCH_PG_COMMANDS ?? 100_000);
const ROOT = resolve(__dirname, '..');
const BATCH = 5000;

const quietIO = (sink: string[]) => ({ stdout: (t: string) => void sink.push(t), stderr: (t: string) => void process.stderr.write(t), stderrIsTTY: false });
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** One phase, in this process: prints one JSON line. */
async function phase(name: string, args: string[]): Promise<void> {
  const started = process.hrtime.bigint();
  if (name === 'import' || name === 'replay') {
    const out: string[] = [];
    const argv = name === 'import' ? ['import', args[0], '--store', args[1], '--json'] : ['replay', '--store', args[0], '--json'];
    const code = await runCli(argv, quietIO(out));
    if (code !== 0) throw new Error(`${name} failed with exit ${code}`);
    console.log(JSON.stringify({ seconds: seconds(started), maxRssMB: maxRssMB(), output: JSON.parse(out.join('')) }));
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
  await client.end();
  return { seconds: took, rows: rows.length, maxRssMB: maxRssMB() };
}

function runPhase(...args: string[]) {
  const output = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--phase', ...args], { cwd: ROOT, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(output.toString().trim().split('\n').pop() as string);
}

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
    const imported = runPhase('import', ledger, store);
    const replayed = runPhase('replay', store);
    const caughtUp = runPhase('catch-up', store);
    const raw = runPhase('raw', store, server.schemaUrl(`${run}_raw`));
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
      ['raw multi-row INSERT rows/s (ceiling)', `${Math.round(rawRate).toLocaleString('en')} (${raw.rows} rows in ${raw.seconds.toFixed(2)} s)`],
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
