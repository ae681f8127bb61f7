import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@bem/event-store';
import { MemoryProgressReadModel, ProgressProjection, type ProgressReadModel, openProgressReadModel } from '@bem/read-models';
import { generateLedger } from './generate-ledger';

/**
 * npx tsx bench/catch-up.bench.ts — catch-up throughput of a fresh instance: a sqlite log of
 * BENCH_COMMANDS (default 1,000,000) events read into an empty progress read model, as a new api/worker
 * instance does at its first start (its own BEM_READMODEL_STORE file), and into memory for comparison.
 * BENCH_STORE=<file> reuses an already imported store (it is only read); otherwise the ledger
 * (/tmp/bem-bench-<n>.jsonl, cached) is generated and imported first (~80 s for 1M).
 */
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 1_000_000);
const ROOT = resolve(__dirname, '..');

function importedStore(dir: string): string {
  const given = process.env.BENCH_STORE;
  if (given) return given;
  const ledger = join(tmpdir(), `bem-bench-${COMMANDS}.jsonl`);
  if (!existsSync(ledger)) throw new Error(`no ledger at ${ledger}: run BENCH_COMMANDS=${COMMANDS} npm run bench first, or give BENCH_STORE`);
  const store = join(dir, 'bem.sqlite');
  const started = Date.now();
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/cli/src/main.ts'), 'import', ledger, '--store', store, '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BEM_EVENTSTORE_URL: '' },
  });
  console.log(`imported ${ledger} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return store;
}

async function measure(name: string, store: SqliteEventStore, model: ProgressReadModel) {
  const projection = new ProgressProjection(store, model);
  const rssBefore = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const events = await projection.catchUp();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const again = await projection.catchUp(); // a second catch-up from the stored checkpoint reads nothing
  return { name, events, seconds, eventsPerSecond: Math.round(events / seconds), again, rssGrowthMB: Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20) };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bem-catch-up-'));
  try {
    if (!process.env.BENCH_STORE && !existsSync(join(tmpdir(), `bem-bench-${COMMANDS}.jsonl`))) {
      await generateLedger(join(tmpdir(), `bem-bench-${COMMANDS}.jsonl`), { commands: COMMANDS, departments: 100, projectsPerDepartment: 20, fiscalYear: 2025 });
    }
    const source = importedStore(dir);
    // The log is only read: work on a copy so the bench never touches the given store's own read model tables.
    const log = join(dir, 'log.sqlite');
    copyFileSync(source, log);
    const store = SqliteEventStore.open(log);
    const head = await store.headPosition();
    const file = openProgressReadModel(store, join(dir, 'instance-readmodel.sqlite'));
    const results = [await measure('sqlite read model (own file, BEM_READMODEL_STORE)', store, file.model), await measure('memory read model (BEM_READMODEL_STORE=memory: packed, in-memory sqlite)', store, openProgressReadModel(store, 'memory').model), await measure('object model (MemoryProgressReadModel, the tests\' reference)', store, new MemoryProgressReadModel())];
    file.close();
    await store.close();
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}; log: ${head} events`);
    for (const r of results) {
      console.log(`${r.name.padEnd(52)} ${r.events} events in ${r.seconds.toFixed(2)} s = ${r.eventsPerSecond.toLocaleString('en')} events/s (RSS +${r.rssGrowthMB} MB; second catch-up read ${r.again})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
