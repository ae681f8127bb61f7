import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateLedger } from './generate-ledger';

/**
 * npm run bench: import of a generated ledger (default 1,000,000 commands) through `bem import`, then a full replay,
 * beside the raw better-sqlite3 insert rate of the same rows (the ceiling). BENCH_COMMANDS=n for a smaller run.
 */
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 1_000_000);
const ROOT = resolve(__dirname, '..');

function runPhase(...args: string[]) {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/phase.ts'), ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.toString().trim().split('\n').pop() as string);
}

async function main() {
  const ledger = join(tmpdir(), `bem-bench-${COMMANDS}.jsonl`);
  if (!existsSync(ledger)) {
    const shape = { commands: COMMANDS, departments: 100, projectsPerDepartment: 20, fiscalYear: 2025 };
    const written = await generateLedger(ledger, shape);
    console.log(`generated ${written} commands -> ${ledger}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bem-bench-store-'));
  const store = join(dir, 'bem.sqlite');
  try {
    const imported = runPhase('import', ledger, store);
    const replayed = runPhase('replay', store);
    const served = runPhase('serve', store);
    const raw = runPhase('raw', store);
    const commands = imported.output.commands as number;
    const events = imported.output.events as number;
    const rawRate = raw.rows / raw.seconds;
    const importEventsPerSecond = events / imported.seconds;
    const replayEventsPerSecond = replayed.output.events / replayed.seconds;
    const rows = [
      ['machine', `${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`],
      ['import', `${commands} commands, ${events} events in ${imported.seconds.toFixed(2)} s`],
      ['import commands/s', Math.round(commands / imported.seconds).toLocaleString('en')],
      ['import events/s', Math.round(importEventsPerSecond).toLocaleString('en')],
      ['import peak RSS', `${imported.maxRssMB} MB`],
      ['replay', `${replayed.output.events} events in ${replayed.seconds.toFixed(2)} s`],
      ['replay events/s', Math.round(replayEventsPerSecond).toLocaleString('en')],
      ['replay peak RSS', `${replayed.maxRssMB} MB`],
      ['read models serving the log: peak RSS', `${served.maxRssMB} MB (progress + region index, ${served.departmentYears} department views + curves + region views in ${served.seconds.toFixed(2)} s)`],
      ['goal: read models of 1M events < 500 MB', served.maxRssMB < 500 && replayed.maxRssMB < 500 ? 'met' : 'not met'],
      ['raw better-sqlite3 insert rows/s (ceiling)', Math.round(rawRate).toLocaleString('en')],
      ['import / raw ratio', (importEventsPerSecond / rawRate).toFixed(3)],
      ['replay / raw ratio', (replayEventsPerSecond / rawRate).toFixed(3)],
    ];
    for (const [name, value] of rows) console.log(`${name.padEnd(44)} ${value}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
