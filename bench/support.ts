import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../apps/cli/src/cli';
import { generateLedger, type LedgerShape } from './generate-ledger';

/** Shared by the bench scripts: machine line, percentiles, a generated ledger imported through `bem import`. */
export const benchCommands = (fallback = 1_000_000) => Number(process.env.BENCH_COMMANDS ?? fallback);

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const ms = (seconds: number) => `${(seconds * 1000).toFixed(2)} ms`;
export const now = () => Number(process.hrtime.bigint()) / 1e9;
export const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** mulberry32, for reproducible random dates / picks. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const quietIO = (sink: string[] = []) => ({
  stdout: (text: string) => void sink.push(text),
  stderr: (text: string) => void process.stderr.write(text),
  stderrIsTTY: false,
});

/** Generates (or reuses, keyed by shape) a ledger and imports it into a fresh sqlite store with `bem import`; returns the store. */
export async function importedStore(shape: LedgerShape, label: string): Promise<{ store: string; importSeconds: number; ledger: string }> {
  const ledger = join(tmpdir(), `bem-bench-${label}-${shape.commands}-${shape.departments}x${shape.projectsPerDepartment}.jsonl`);
  if (!existsSync(ledger) || readFileSync(ledger).length === 0) await generateLedger(ledger, shape);
  const store = join(mkdtempSync(join(tmpdir(), `bem-bench-${label}-`)), 'bem.sqlite');
  const started = now();
  const code = await runCli(['import', ledger, '--store', store, '--json'], quietIO());
  if (code !== 0) throw new Error(`import of ${ledger} failed with exit ${code}`);
  return { store, importSeconds: now() - started, ledger };
}

export function printRows(title: string, rows: [string, string][]): void {
  console.log(`# ${title}`);
  for (const [name, value] of rows) console.log(`${name.padEnd(46)} ${value}`);
}
