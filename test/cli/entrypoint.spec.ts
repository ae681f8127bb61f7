import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixture, freshStore } from '../support/cli';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/** The contract entry point: `npm run -s bem -- <command>` in a real process. */
async function npmBem(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '-s', 'bem', '--', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run -s bem', () => {
  it('imports through BEM_STORE and prints exactly one JSON document with --json', async () => {
    const env = { BEM_STORE: freshStore() };
    const imported = await npmBem(env, 'import', fixture('sichuan-2020.jsonl'));
    expect(imported.code).toBe(0);
    const progress = await npmBem(env, 'progress', '--department', 'sc-ybj', '--year', '2020', '--as-of', '2020-09-30', '--json');
    expect(progress.code).toBe(0);
    expect(JSON.parse(progress.stdout)).toMatchObject({ budgetCurrent: '137581100.00', paid: '44090200.00', executionRate: '32.05' });
  }, 60_000);

  it('exits 1 on a rejected file and 2 on a usage error', async () => {
    const env = { BEM_STORE: freshStore() };
    const rejected = await npmBem(env, 'import', resolve(ROOT, 'test/fixtures/expected.json'));
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/^line 1: /m);
    const usage = await npmBem(env, 'progress', '--department', 'x');
    expect(usage.code).toBe(2);
  }, 60_000);
});
