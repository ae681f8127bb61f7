/**
 * Drill: a valid generated ledger with N mutated lines mixed in at random (seeded) places; `bem import` must exit 1,
 * name every bad line (and only those) as `line N: field: why`, never crash, and append nothing.
 * Used by fuzz-ledger.spec.ts and bench/drills.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedger } from '../../bench/generate-ledger';
import { censusOf, prng, readLedgerLines, runBem } from './support';

type Line = Record<string, unknown>;
type Random = () => number;

const INJECTIONS = [
  "'; DROP TABLE events; --",
  "1' OR '1'='1",
  '"); DELETE FROM events WHERE ("1"="1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${process.exit(1)}',
  '__proto__',
  '../../../../etc/passwd',
  '\u0000',
];
const UNICODE = ['１２３４.５６', '一百元', '١٢٣.٤٥', '12\u200b3.00', '💰', '\ud800', '１.００', '½', 'ⅷ'];
const NOT_NUMBERS = ['NaN', 'Infinity', '-Infinity', '+Inf', 'null', 'undefined', '', ' ', '0x1F', '1e5', '1,000.00', '¥100.00'];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const deep = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};
/** A JSON text nested `depth` levels (built as text: JSON.stringify would recurse). */
const deepText = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** The money field of a line, if it has one. */
const moneyField = (line: Line) => ['amount', 'delta'].find((field) => typeof line[field] === 'string');

/**
 * Each mutator returns the text of a line that is invalid whatever the rest of the ledger says
 * (schema-level: wrong type, bad format, missing required field, not JSON, not an object).
 */
const MUTATORS: { name: string; applies?: (line: Line) => boolean; mutate: (line: Line, random: Random) => string }[] = [
  { name: 'amount as JSON number', applies: (l) => !!moneyField(l), mutate: (l, r) => JSON.stringify({ ...l, [moneyField(l) as string]: Math.floor(r() * 1e6) / 100 }) },
  { name: 'huge amount', applies: (l) => !!moneyField(l), mutate: (l, r) => JSON.stringify({ ...l, [moneyField(l) as string]: `${'9'.repeat(14 + Math.floor(r() * 300))}.00` }) },
  { name: 'huge JSON number', applies: (l) => !!moneyField(l), mutate: (l) => JSON.stringify({ ...l, [moneyField(l) as string]: 0 }).replace(/:0([,}])/, ':1e999$1') },
  { name: '3 decimals', applies: (l) => !!moneyField(l), mutate: (l, r) => JSON.stringify({ ...l, [moneyField(l) as string]: `${1 + Math.floor(r() * 9999)}.${100 + Math.floor(r() * 900)}` }) },
  { name: 'NaN/Infinity string', applies: (l) => !!moneyField(l), mutate: (l, r) => JSON.stringify({ ...l, [moneyField(l) as string]: pick(r, NOT_NUMBERS) }) },
  { name: 'unicode amount', applies: (l) => !!moneyField(l), mutate: (l, r) => JSON.stringify({ ...l, [moneyField(l) as string]: pick(r, UNICODE) }) },
  { name: 'injection in amount', applies: (l) => !!moneyField(l), mutate: (l, r) => JSON.stringify({ ...l, [moneyField(l) as string]: pick(r, INJECTIONS) }) },
  { name: 'injection as command', mutate: (l, r) => JSON.stringify({ ...l, command: pick(r, INJECTIONS) }) },
  { name: 'unicode command', mutate: (l, r) => JSON.stringify({ ...l, command: `${l.command as string}${pick(r, UNICODE)}` }) },
  { name: 'injection in date', applies: (l) => typeof l.occurredOn === 'string', mutate: (l, r) => JSON.stringify({ ...l, occurredOn: pick(r, INJECTIONS) }) },
  { name: 'impossible date', applies: (l) => typeof l.occurredOn === 'string', mutate: (l, r) => JSON.stringify({ ...l, occurredOn: pick(r, ['2025-02-30', '2025-13-01', '２０２５-01-01', '2025/01/01', '20250101', '2025-1-1']) }) },
  { name: 'fiscal year as string', applies: (l) => typeof l.fiscalYear === 'number', mutate: (l) => JSON.stringify({ ...l, fiscalYear: String(l.fiscalYear) }) },
  { name: 'fiscal year fractional/huge', applies: (l) => typeof l.fiscalYear === 'number', mutate: (l, r) => JSON.stringify({ ...l, fiscalYear: pick(r, [2025.5, 1e308, -1, 99999]) }) },
  { name: 'id as number', mutate: (l, r) => JSON.stringify({ ...l, id: Math.floor(r() * 1e9) }) },
  { name: 'empty id', mutate: (l) => JSON.stringify({ ...l, id: '' }) },
  { name: 'id too long', mutate: (l, r) => JSON.stringify({ ...l, id: 'x'.repeat(201 + Math.floor(r() * 5000)) }) },
  { name: 'missing command', mutate: (l) => JSON.stringify({ ...l, command: undefined }) },
  { name: 'missing id', mutate: (l) => JSON.stringify({ ...l, id: undefined }) },
  { name: 'missing projectId', applies: (l) => typeof l.projectId === 'string', mutate: (l) => JSON.stringify({ ...l, projectId: undefined }) },
  { name: 'missing amount', applies: (l) => !!moneyField(l), mutate: (l) => JSON.stringify({ ...l, [moneyField(l) as string]: undefined }) },
  { name: 'missing date', applies: (l) => typeof l.occurredOn === 'string', mutate: (l) => JSON.stringify({ ...l, occurredOn: undefined }) },
  { name: 'null field', applies: (l) => typeof l.projectId === 'string', mutate: (l, r) => JSON.stringify({ ...l, [pick(r, ['projectId', 'id', 'command'])]: null }) },
  { name: 'array field', mutate: (l, r) => JSON.stringify({ ...l, [pick(r, ['id', 'command'])]: [l.id, l.command] }) },
  { name: 'deeply nested field', mutate: (l, r) => JSON.stringify({ ...l, id: deep(50 + Math.floor(r() * 500)) }) },
  { name: 'deeply nested line', mutate: (_l, r) => deepText(1000 + Math.floor(r() * 20_000)) },
  { name: 'array line', mutate: (l) => JSON.stringify([l]) },
  { name: 'null line', mutate: () => 'null' },
  { name: 'scalar line', mutate: (_l, r) => pick(r, ['42', '"RecordPayment"', 'true', '1e999', '-0']) },
  { name: 'truncated JSON', mutate: (l, r) => { const text = JSON.stringify(l); return text.slice(0, 1 + Math.floor(r() * (text.length - 2))); } },
  { name: 'not JSON', mutate: (_l, r) => pick(r, ["{command:'RecordPayment'}", "{'id':'x'}", 'NaN', 'undefined', '{"a":1,}', '<xml/>', 'SELECT * FROM events;', '\u0000\u0001', '{"a":"\\u12"}']) },
  { name: 'duplicate-key override to bad type', mutate: (l) => `${JSON.stringify(l).slice(0, -1)},"command":123}` },
  { name: 'prototype pollution', mutate: (l) => `{"__proto__":{"command":"RecordPayment"},"constructor":{"prototype":{"x":1}},"id":${JSON.stringify(l.id)}}` },
  { name: 'boolean amount', applies: (l) => !!moneyField(l), mutate: (l, r) => JSON.stringify({ ...l, [moneyField(l) as string]: r() < 0.5 }) },
  { name: 'object amount', applies: (l) => !!moneyField(l), mutate: (l) => JSON.stringify({ ...l, [moneyField(l) as string]: { value: '1.00', currency: 'CNY' } }) },
];

export interface FuzzOptions {
  validCommands: number;
  badLines: number;
  seed: number;
  log?: (line: string) => void;
}

export interface FuzzReport {
  file: string;
  lines: number;
  badLines: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  /** Bad lines not named on stderr. */
  unnamed: number[];
  /** Lines named that were valid. */
  falselyNamed: number[];
  /** stderr lines that are neither `line N: field: why` nor the final summary. */
  strayStderr: string[];
  internalError: boolean;
  eventsAppended: number;
  head: number;
  byMutator: Record<string, number>;
}

export async function fuzzDrill(options: FuzzOptions): Promise<FuzzReport> {
  const dir = mkdtempSync(join(tmpdir(), 'bem-drill-fuzz-'));
  const valid = join(dir, 'valid.jsonl');
  await generateLedger(valid, { commands: options.validCommands, departments: 3, projectsPerDepartment: 20, fiscalYear: 2025 });
  const lines = readLedgerLines(valid);
  const random = prng(options.seed);
  const out: string[] = lines.map((line) => JSON.stringify(line));
  const byMutator: Record<string, number> = {};
  // Insert bad lines at random places (from the end backwards is not needed: we track them by marker).
  const marked: { text: string; bad: boolean }[] = out.map((text) => ({ text, bad: false }));
  for (let i = 0; i < options.badLines; i++) {
    const source = lines[Math.floor(random() * lines.length)];
    const candidates = MUTATORS.filter((mutator) => !mutator.applies || mutator.applies(source));
    const mutator = pick(random, candidates);
    byMutator[mutator.name] = (byMutator[mutator.name] ?? 0) + 1;
    const text = mutator.mutate(source, random).replace(/[\r\n]/g, ' ');
    marked.splice(Math.floor(random() * (marked.length + 1)), 0, { text, bad: true });
  }
  const file = join(dir, 'fuzzed.jsonl');
  writeFileSync(file, `${marked.map((line) => line.text).join('\n')}\n`);
  const badNumbers = new Set(marked.flatMap((line, i) => (line.bad ? [i + 1] : [])));

  const store = join(dir, 'bem.sqlite');
  const run = await runBem(['import', file, '--store', store]);
  const named = new Set<number>();
  const strayStderr: string[] = [];
  for (const text of run.stderr.split('\n')) {
    if (text === '') continue;
    const match = /^line (\d+): ([^:]+): .+/.exec(text);
    if (match) named.add(Number(match[1]));
    else if (!text.startsWith('导入被拒绝') && !text.startsWith('warning: ')) strayStderr.push(text.slice(0, 300));
  }
  const census = censusOf(store);
  const report: FuzzReport = {
    file,
    lines: marked.length,
    badLines: badNumbers.size,
    code: run.code,
    signal: run.signal,
    seconds: run.ms / 1000,
    unnamed: [...badNumbers].filter((n) => !named.has(n)),
    falselyNamed: [...named].filter((n) => !badNumbers.has(n)),
    strayStderr: strayStderr.slice(0, 20),
    internalError: /internal error|内部错误/.test(run.stderr),
    eventsAppended: census.events,
    head: census.head,
    byMutator,
  };
  options.log?.(
    `fuzz: ${report.lines} lines (${report.badLines} bad, ${Object.keys(byMutator).length} mutators) -> exit ${run.code} in ${report.seconds.toFixed(1)} s, ` +
      `unnamed ${report.unnamed.length}, falsely named ${report.falselyNamed.length}, stray stderr ${strayStderr.length}, internal error ${report.internalError}, events appended ${census.events}`,
  );
  return report;
}
