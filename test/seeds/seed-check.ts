import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Money } from '@bem/domain';
import { describe, expect, it } from 'vitest';
import { fixture, freshStore } from '../support/cli';
import { bem as bemProcess, ROOT } from '../support/product';

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
  /** in the program view: unit:<department code>:<field> (amounts in 元 there, compared in 万元) */
  path?: string;
  /** in the project form (`bem evaluate --project --json`): funds:<row>:<field> (元 -> 万元) or a rate field */
  projectPath?: string;
  value: string;
  /** a known error of the seed: the product must flag it (stated ≠ recomputed) */
  knownError?: string;
}

export interface SeedExpectation {
  seed: string;
  /** one ledger, or several imported in order into the same store */
  fixture: string | string[];
  /** the department report's command (figures checked with --stated) … */
  evaluate?: string[];
  /** … and / or the program table's (figures read from the program view by `path`) */
  program?: string[];
  /** … and / or a project form's (figures read from `bem evaluate --project --json` by `projectPath`) */
  project?: string[];
  /** 备注 the seed prints on a row of a generated table (row: the label as printed) */
  remarks?: { line: number; row: string; text: string }[];
  /** rows the seed prints that the generated tables must carry (label as printed) */
  rows?: { line: number; label: string }[];
  /** environment of the import, e.g. BEM_PROFILES=guangdong-warn (an office profile in test/fixtures/profiles) for a ledger recorded under a warn overspend policy; relative dirs are from the repository root */
  importEnv?: Record<string, string>;
  /** figures the seed states that no fixture carries yet, with the reason */
  notReproduced?: { line: number; label: string; why: string }[];
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

async function storeOf(expectation: SeedExpectation): Promise<string> {
  const store = freshStore();
  const env = Object.fromEntries(Object.entries(expectation.importEnv ?? {}).map(([k, v]) => [k, k.endsWith('_DIR') ? join(ROOT, v) : v]));
  for (const name of [expectation.fixture].flat()) {
    const imported = await bemProcess(['import', fixture(name), '--store', store], env);
    if (imported.code !== 0) throw new Error(imported.stderr);
  }
  return store;
}

const decimalsOf = (text: string) => (text.split('.')[1] ?? '').length;

/** The program view's figure at `path`, at the stated precision (amounts 元 -> 万元, rates as printed). */
function programFigure(view: Record<string, any>, path: string, stated: string): string | null {
  const [kind, code, field] = path.split(':');
  const unit = kind === 'unit' ? (view.units as Record<string, any>[]).find((u) => u.departmentCode === code) : null;
  const raw = unit?.[field] as string | null | undefined;
  if (raw === null || raw === undefined) return null;
  const value = /Rate$/.test(field) ? new Money(raw) : new Money(raw).div(10_000);
  return value.toFixed(decimalsOf(stated), Money.ROUND_HALF_UP);
}

/** The program table through `bem program --json` (its own process), figure by figure. */
export async function checkProgramSeed(expectation: SeedExpectation, store?: string): Promise<{ checked: Checked[]; titles: string[] }> {
  store ??= await storeOf(expectation);
  const run = await bem(store, ...expectation.program!, '--json');
  if (run.code !== 0) throw new Error(run.stderr);
  const view = JSON.parse(run.stdout) as Record<string, any>;
  // the forms' titles as the document prints them (the Markdown headings)
  const md = await bem(store, ...expectation.program!, '--format', 'md');
  const titles = md.stdout.split('\n').filter((line) => /^#{1,2} /.test(line)).map((line) => line.replace(/^#+ /, ''));
  const checked = expectation.figures.filter((figure) => figure.path).map((figure) => {
    const computed = programFigure(view, figure.path!, figure.value);
    return { figure, computed, matches: computed !== null && new Money(computed).eq(figure.value) };
  });
  return { checked, titles };
}

/** Imports the fixture into a fresh store, runs `bem evaluate … --json --stated` through the CLI process. */
export async function checkSeed(expectation: SeedExpectation, store?: string): Promise<{ checked: Checked[]; report: Record<string, any> }> {
  store ??= await storeOf(expectation);
  const figures = expectation.figures.filter((figure) => figure.figure || figure.sumOf);
  const statedFile = join(store, '..', 'stated.json');
  writeFileSync(statedFile, JSON.stringify(figures.map((f) => ({ label: `第${f.line}行 ${f.label}`, value: f.value, ...(f.sumOf ? { sumOf: f.sumOf } : { figure: f.figure }) }))));
  const run = await bem(store, ...expectation.evaluate!, '--json', '--stated', statedFile);
  if (run.code !== 0) throw new Error(run.stderr);
  const report = JSON.parse(run.stdout) as Record<string, any>;
  const consistency = report.consistency as { label: string; computed: string | null; matches: boolean }[];
  // the ledger's own RecordStatedFigure events come first, the --stated file's figures last
  const mine = consistency.slice(-figures.length);
  const checked = figures.map((figure, i) => ({ figure, computed: mine[i].computed, matches: mine[i].matches }));
  return { checked, report };
}

/** The project form's figure at `path` (funds:<row>:<field>), at the stated precision (元 -> 万元, rates as printed). */
function projectFigure(form: Record<string, any>, path: string, stated: string): string | null {
  const [kind, row, field] = path.split(':');
  const raw = kind === 'funds' ? ((form.funds as Record<string, any>[]).find((r) => r.row === row)?.[field] as string | null | undefined) : undefined;
  if (raw === null || raw === undefined) return null;
  const value = field === 'rate' ? new Money(raw) : new Money(raw).div(10_000);
  return value.toFixed(decimalsOf(stated), Money.ROUND_HALF_UP);
}

/** The project form through `bem evaluate --project --json` (its own process): figures, and its title from the Markdown. */
export async function checkProjectSeed(expectation: SeedExpectation, store: string): Promise<{ checked: Checked[]; titles: string[] }> {
  const run = await bem(store, ...expectation.project!, '--json');
  if (run.code !== 0) throw new Error(run.stderr);
  const form = JSON.parse(run.stdout) as Record<string, any>;
  const md = await bem(store, ...expectation.project!, '--format', 'md');
  const titles = md.stdout.split('\n').filter((line) => /^#{1,2} /.test(line)).map((line) => line.replace(/^#+ /, ''));
  const checked = expectation.figures.filter((figure) => figure.projectPath).map((figure) => {
    const computed = projectFigure(form, figure.projectPath!, figure.value);
    return { figure, computed, matches: computed !== null && new Money(computed).eq(figure.value) };
  });
  return { checked, titles };
}

/** Every view the expectation names, over one store: the department report, the program table, the project form. */
export async function checkAll(expectation: SeedExpectation): Promise<{ checked: Checked[]; titles: string[]; tables: Record<string, any>[] }> {
  const store = await storeOf(expectation);
  const out = { checked: [] as Checked[], titles: [] as string[], tables: [] as Record<string, any>[] };
  if (expectation.evaluate) {
    const { checked, report } = await checkSeed(expectation, store);
    out.checked.push(...checked);
    out.tables.push(...report.tables);
    out.titles.push(...report.tables.map((t: { title: string }) => t.title));
  }
  for (const run of [expectation.program && checkProgramSeed, expectation.project && checkProjectSeed]) {
    if (!run) continue;
    const { checked, titles } = await run(expectation, store);
    out.checked.push(...checked);
    out.titles.push(...titles);
  }
  return out;
}

/** The one test every seed has: figures reproduced, known errors flagged, the seed's forms, rows and 备注 generated. */
export function describeSeed(seed: string, department: string): void {
  const expectation = expectationOf(seed);
  describe(`seed ${seed} (${department}): the generated tables reproduce the seed figure by figure`, () => {
    it('every figure the seed states is reproduced, every known seed error is flagged', async () => {
      const { checked, titles, tables } = await checkAll(expectation);
      expect(checked).toHaveLength(expectation.figures.length);
      for (const { figure, computed, matches } of checked) expect(matches, `第${figure.line}行 ${figure.label}: 所载 ${figure.value}，重算 ${computed}`).toBe(!figure.knownError);
      for (const table of expectation.tables.filter((t) => t.generated)) expect(titles.some((title) => title.includes(table.generated!)), `${table.title}: ${titles.join('、')}`).toBe(true);
      const rows = tables.flatMap((t) => t.rows as { cells: Record<string, string | null> }[]);
      for (const { line, label } of expectation.rows ?? []) expect(rows.some((r) => r.cells.label === label), `第${line}行 ${label}`).toBe(true);
      for (const { line, row, text } of expectation.remarks ?? []) expect(rows.find((r) => r.cells.label === row)?.cells.remark, `第${line}行 ${row} 备注`).toBe(text);
    }, 90_000);
  });
}
