import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../apps/cli/src/cli';
import { openRuntime } from '../apps/cli/src/runtime';
import { RegionIndex, regionProgress } from '../libs/regions/src';
import { applyPragmas } from '../libs/event-store/src/sqlite/sqlite-schema';

/** One measured phase in its own process, so peak RSS belongs to that phase alone. Prints one JSON line. */
const [phase, ...args] = process.argv.slice(2);

const quietIO = (sink: string[]) => ({ stdout: (t: string) => void sink.push(t), stderr: (t: string) => void process.stderr.write(t), stderrIsTTY: false });
const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function timed(fn: () => Promise<unknown> | unknown) {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

async function main() {
  if (phase === 'import' || phase === 'replay') {
    const [file, store] = phase === 'import' ? args : [undefined, args[0]];
    const out: string[] = [];
    const argv = phase === 'import' ? ['import', file as string, '--store', store, '--json'] : ['replay', '--store', store, '--json'];
    const { seconds, result: code } = await timed(() => runCli(argv, quietIO(out)));
    if (code !== 0) throw new Error(`${phase} failed with exit ${code}`);
    console.log(JSON.stringify({ phase, seconds, maxRssMB: maxRssMB(), output: JSON.parse(out.join('')) }));
    return;
  }
  if (phase === 'serve') {
    // The read models of a serving process over the whole log: progress (caught up), region index, every
    // department's progress, curve and region view — then the process's peak RSS.
    const runtime = await openRuntime(args[0]);
    const { seconds, result } = await timed(async () => {
      await runtime.progress.catchUp();
      const index = new RegionIndex(runtime.store);
      await index.catchUp();
      const departments = await runtime.progress.departmentYears();
      for (const { departmentCode, fiscalYear } of departments) {
        await runtime.progress.department(departmentCode, fiscalYear, { asOf: `${fiscalYear}-06-30` });
        await runtime.progress.curve(departmentCode, fiscalYear);
        await regionProgress(runtime.progress, index, departmentCode, fiscalYear);
      }
      return departments.length;
    });
    await runtime.close();
    console.log(JSON.stringify({ phase, seconds, departmentYears: result, maxRssMB: maxRssMB(), heapMB: Math.round(process.memoryUsage().heapUsed / 1048576) }));
    return;
  }
  if (phase === 'raw') {
    // The ceiling: the same rows inserted with one prepared statement in one transaction, same pragmas and schema as the store.
    const source = new Database(args[0], { readonly: true });
    const rows = source.prepare('SELECT id, stream, revision, type, data, metadata, recorded_at FROM events ORDER BY position').raw().all() as unknown[][];
    source.close();
    const target = new Database(join(mkdtempSync(join(tmpdir(), 'bem-raw-')), 'raw.sqlite'));
    applyPragmas(target);
    const schema = new Database(args[0], { readonly: true }).prepare("SELECT sql FROM sqlite_master WHERE name = 'events'").pluck().get() as string;
    target.exec(schema);
    const insert = target.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const { seconds } = await timed(() => target.transaction(() => { for (const row of rows) insert.run(...row); })());
    console.log(JSON.stringify({ phase, seconds, rows: rows.length, maxRssMB: maxRssMB() }));
    return;
  }
  throw new Error(`unknown phase ${phase}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
