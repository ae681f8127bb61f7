import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresServer, postgresTestsEnabled } from '../support/postgres-server';
import { bem, ROOT, tempDir } from '../support/product';

const FIXTURE = resolve(ROOT, 'test/fixtures/sichuan-2020.jsonl');
const progressArgs = (store: string) => ['progress', '--department', 'sc-ybj', '--year', '2020', '--as-of', '2020-06-30', '--store', store, '--json'];

describe('bem --store: which specs name a store (architecture §10)', () => {
  it('refuses a spec with an unknown URL scheme as a usage error (exit 2), in Chinese and English, creating nothing', async () => {
    const dir = tempDir('bem-spec-');
    for (const spec of ['http://example.org/bem', 'mysql://root@localhost/bem']) {
      const result = await bem(progressArgs(spec), { BEM_DATA_DIR: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('无法识别的事件库地址');
      expect(result.stderr).toContain('unknown event store spec');
    }
    expect(existsSync(join(ROOT, 'http:'))).toBe(false);
    expect(existsSync(join(ROOT, 'mysql:'))).toBe(false);
  });

  it('a read command over a SQLite file that does not exist exits 1 naming it, and creates nothing; import creates it', async () => {
    const file = join(tempDir('bem-spec-'), 'nested', 'missing.sqlite');
    const read = await bem(progressArgs(file));
    expect(read.code).toBe(1);
    expect(read.stderr).toContain(file);
    expect(read.stderr).toContain('事件库不存在');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(file, '..'))).toBe(false);
    expect((await bem(['import', FIXTURE, '--store', file, '--json'])).code).toBe(0);
    expect((await bem(progressArgs(file))).code).toBe(0);
  });
});

describe.runIf(postgresTestsEnabled())('bem over PostgreSQL (--store postgres://…)', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await PostgresServer.start();
  });
  afterAll(() => server?.stop());

  it('imports, shows progress and evaluates exactly as over SQLite', async () => {
    const url = server.schemaUrl('cli');
    const sqliteDir = tempDir('bem-pg-cli-');
    const sqlite = join(sqliteDir, 'bem.sqlite');
    const imported = await bem(['import', FIXTURE, '--store', url, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect((await bem(['import', FIXTURE, '--store', sqlite, '--json'])).code).toBe(0);
    // A second import of the same file is an idempotent retry: nothing appended.
    const again = await bem(['import', FIXTURE, '--store', url.replace(/^postgres:/, 'postgresql:'), '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ ...JSON.parse(again.stdout), appended: 0 });

    const onPg = await bem(progressArgs(url));
    expect(onPg.code, onPg.stderr).toBe(0);
    expect(JSON.parse(onPg.stdout)).toMatchObject({ budgetCurrent: '128521000.00', paid: '30367300.00', executionRate: '23.63' });
    expect(JSON.parse(onPg.stdout)).toEqual(JSON.parse((await bem(progressArgs(sqlite))).stdout));

    const evaluate = (store: string) => bem(['evaluate', '--department', 'sc-ybj', '--year', '2020', '--store', store, '--json']);
    const [pgEvaluation, sqliteEvaluation] = await Promise.all([evaluate(url), evaluate(sqlite)]);
    expect(pgEvaluation.code, pgEvaluation.stderr).toBe(0);
    expect(JSON.parse(pgEvaluation.stdout)).toEqual(JSON.parse(sqliteEvaluation.stdout));
    rmSync(sqliteDir, { recursive: true, force: true });
  }, 120_000);
});
