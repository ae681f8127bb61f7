import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, freshStore } from '../support/cli';
import { bem as bemProcess } from '../support/product';

/** `bem` as people run it: its own process (npm run bem). */
const bem = (store: string, ...args: string[]) => bemProcess([...args, '--store', store]);

/**
 * A seed's own figures (test/seeds/<seed>.expected.json, written from the seed text, each with its line) checked
 * against the tables the product generates from the seed's fixture: every figure goes to `bem evaluate --stated`,
 * so the product itself says which it reproduces; the seed's known errors must come back flagged.
 */
export interface SeedFigure {
  line: number;
  label: string;
  /** the report's figure key (基础数据表/支出合计/决算, 比率/政府采购执行率 …) or several for a printed subtotal */
  figure?: string;
  sumOf?: string[];
  value: string;
  /** a known error of the seed: the product must flag it (stated ≠ recomputed) */
  knownError?: string;
}

export interface SeedExpectation {
  seed: string;
  fixture: string;
  evaluate: string[];
  /** the forms the seed prints, and whether the product generates each */
  tables: { line: number; title: string; generated: string | null }[];
  figures: SeedFigure[];
}

export const expectationOf = (seed: string): SeedExpectation => JSON.parse(readFileSync(join(__dirname, `${seed}.expected.json`), 'utf8')) as SeedExpectation;

export interface Checked {
  figure: SeedFigure;
  computed: string | null;
  matches: boolean;
}

/** Imports the fixture into a fresh store, runs `bem evaluate … --json --stated` through the CLI process. */
export async function checkSeed(expectation: SeedExpectation): Promise<{ checked: Checked[]; report: Record<string, any> }> {
  const store = freshStore();
  const imported = await bem(store, 'import', fixture(expectation.fixture));
  if (imported.code !== 0) throw new Error(imported.stderr);
  const statedFile = join(store, '..', 'stated.json');
  writeFileSync(statedFile, JSON.stringify(expectation.figures.map((f) => ({ label: `第${f.line}行 ${f.label}`, value: f.value, ...(f.sumOf ? { sumOf: f.sumOf } : { figure: f.figure }) }))));
  const run = await bem(store, ...expectation.evaluate, '--json', '--stated', statedFile);
  if (run.code !== 0) throw new Error(run.stderr);
  const report = JSON.parse(run.stdout) as Record<string, any>;
  const consistency = report.consistency as { label: string; computed: string | null; matches: boolean }[];
  const checked = expectation.figures.map((figure, i) => ({ figure, computed: consistency[i].computed, matches: consistency[i].matches }));
  return { checked, report };
}

/** The one test every seed has: figures reproduced, known errors flagged, the seed's forms generated. */
export function describeSeed(seed: string, department: string): void {
  const expectation = expectationOf(seed);
  describe(`seed ${seed} (${department}): the generated tables reproduce the seed figure by figure`, () => {
    it('every figure the seed states is reproduced, every known seed error is flagged', async () => {
      const { checked, report } = await checkSeed(expectation);
      for (const { figure, computed, matches } of checked) expect(matches, `第${figure.line}行 ${figure.label}: 所载 ${figure.value}，重算 ${computed}`).toBe(!figure.knownError);
      const titles = report.tables.map((t: { title: string }) => t.title);
      for (const table of expectation.tables.filter((t) => t.generated)) expect(titles, table.title).toContain(table.generated);
    }, 60_000);
  });
}
