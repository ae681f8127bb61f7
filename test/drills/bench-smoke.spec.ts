import { describe, expect, it } from 'vitest';
import { spawnTsx } from './support';
import { resolve } from 'node:path';

/** CI bench smoke: every benchmark runs at a tiny scale and prints its figures. No time is asserted. */
const bench = (name: string, env: Record<string, string>) => spawnTsx(resolve(__dirname, `../../bench/${name}.bench.ts`), [], env).done;

describe('bench smoke (tiny scale, no thresholds)', () => {
  it('import/replay prints its rates and ratios to the raw ceiling', async () => {
    const run = await bench('import-replay', { BENCH_COMMANDS: '2000' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/import events\/s\s+[\d,]+/);
    expect(run.stdout).toMatch(/replay events\/s\s+[\d,]+/);
    expect(run.stdout).toMatch(/import \/ raw ratio\s+\d/);
  }, 300_000);

  it('as-of prints p50/p95 and the ratio to its raw SQL baseline', async () => {
    const run = await bench('as-of', { BENCH_COMMANDS: '3000' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/as-of p95\s+[\d.]+ ms/);
    expect(run.stdout).toMatch(/as-of p95 \/ baseline p95\s+[\d.]+/);
  }, 300_000);

  it('checkpoints prints the evaluation time and the ratio to its baseline', async () => {
    const run = await bench('checkpoints', { BENCH_COMMANDS: '2000', BENCH_PROJECTS: '10' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/checkpoint evaluation\s+[\d.]+ s for 100 projects/);
    expect(run.stdout).toMatch(/evaluation \/ baseline\s+[\d.]+/);
  }, 300_000);

  it('http prints req/s and p99 of payments beside GET /health', async () => {
    const run = await bench('http', { BENCH_REQUESTS: '100', BENCH_CONCURRENCY: '4' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/POST \/api\/v1\/commands \(RecordPayment\) req\/s\s+\d+/);
    expect(run.stdout).toMatch(/payment p99 \/ health p99\s+[\d.]+/);
  }, 300_000);
});
