import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { generateLedger } from './generate-ledger';

/**
 * The peer: the same events appended through @event-driven-io/emmett-sqlite (one appendToStream per command, as a
 * command handler does), beside `bem import` of the same ledger in its own process. BENCH_COMMANDS (default 20,000: the peer commits once per command, ~400 events/s here).
 */
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 20_000);
const ROOT = resolve(__dirname, '..');

async function main() {
  const ledger = join(tmpdir(), `bem-bench-${COMMANDS}.jsonl`);
  if (!existsSync(ledger)) await generateLedger(ledger, { commands: COMMANDS, departments: 100, projectsPerDepartment: 20, fiscalYear: 2025 });
  const dir = mkdtempSync(join(tmpdir(), 'bem-peer-'));
  try {
    const store = join(dir, 'bem.sqlite');
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/phase.ts'), 'import', ledger, store], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const ours = JSON.parse(out.toString().trim().split('\n').pop() as string);
    const rows = new Database(store, { readonly: true }).prepare('SELECT stream, type, data FROM events ORDER BY position').all() as { stream: string; type: string; data: string }[];
    const peer = getSQLiteEventStore({ fileName: join(dir, 'emmett.sqlite'), schema: { autoMigration: 'CreateOrUpdate' } });
    const started = process.hrtime.bigint();
    for (const row of rows) await peer.appendToStream(row.stream, [{ type: row.type, data: JSON.parse(row.data) }]);
    const peerSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const oursRate = ours.output.events / ours.seconds;
    const peerRate = rows.length / peerSeconds;
    console.log(`bem import (whole file, validated, one transaction)   ${Math.round(oursRate).toLocaleString('en')} events/s`);
    console.log(`emmett-sqlite 0.38.5 appendToStream per command        ${Math.round(peerRate).toLocaleString('en')} events/s (${rows.length} events in ${peerSeconds.toFixed(1)} s)`);
    console.log(`bem / peer ratio                                       ${(oursRate / peerRate).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
