import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * npm run bench:all: every benchmark, each in its own process (so peak RSS and caches belong to it), one after the
 * other: import/replay vs the raw ceiling (sqlite, then PostgreSQL), as-of progress, checkpoint evaluation, HTTP commands. BENCH_COMMANDS scales
 * the ledger ones (default 1,000,000). BENCH_ONLY=as-of,http runs a subset.
 */
const ROOT = resolve(__dirname, '..');
const BENCHES = ['import-replay', 'pg-import-replay', 'as-of', 'checkpoints', 'http'];

const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
for (const name of BENCHES.filter((bench) => !only || only.includes(bench))) {
  console.log(`\n== bench/${name}.bench.ts ==`);
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, `bench/${name}.bench.ts`)], { cwd: ROOT, stdio: 'inherit', env: process.env });
}
