import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type StartedProduct, productEnv, startProduct } from '../support/product';

const run = promisify(execFile);

/** The README's ```bash blocks, each `npm run -s bem -- …` line as written (its trailing comment included). */
export function readmeBemLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks.flatMap((block) => block.split('\n')).filter((line) => line.startsWith('npm run -s bem -- '));
}

/**
 * Every `bem` command of README.md runs as written, in order, from the repository's folder, over a store that
 * `npm start` seeded with the demo (the product is started first, then stopped, as a new user would).
 */
describe('the README runs', () => {
  const lines = readmeBemLines(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  let product: StartedProduct;
  const written = join(ROOT, 'data/自评报告.docx');
  beforeAll(async () => {
    product = await startProduct();
    await product.stop();
  }, 120_000);
  afterAll(() => rmSync(written, { force: true }));

  it('has the commands it documents', () => {
    expect(lines.length).toBeGreaterThanOrEqual(15);
    for (const line of lines) expect(line, 'no <placeholder> in a command').not.toMatch(/<[^>]+>/);
  });

  it('runs every command with exit 0', async () => {
    for (const line of lines) {
      const env = productEnv({ BEM_STORE: product.store, BEM_DATA_DIR: product.dataDir });
      const result = await run('bash', ['-c', line], { cwd: ROOT, env, maxBuffer: 64 << 20 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
      );
      expect(result.code, `${line}\n${result.stderr}`).toBe(0);
    }
  }, 600_000);
});
