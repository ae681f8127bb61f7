import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@bem/event-store';
import { bem, fixture, freshStore, json, ledgerFile } from '../support/cli';

const base = [
  { command: 'RegisterDepartment', id: 't-1', departmentCode: 'd1', name: '测试局' },
  { command: 'RegisterProject', id: 't-2', projectId: 'p1', departmentCode: 'd1', fiscalYear: 2021, name: '项目一' },
  { command: 'IssueBudget', id: 't-3', projectId: 'p1', occurredOn: '2021-01-10', amount: '1000.00', basis: 'initial', source: 'own' },
  { command: 'RecordPayment', id: 't-4', projectId: 'p1', paymentId: 'pay-1', occurredOn: '2021-03-01', amount: '300.00' },
];
const payment = (id: string, amount: string, occurredOn = '2021-04-01', projectId = 'p1') => ({
  command: 'RecordPayment',
  id,
  projectId,
  paymentId: `pay-${id}`,
  occurredOn,
  amount,
});

async function readStoredEvents(store: string) {
  const opened = SqliteEventStore.open(store);
  try {
    return await opened.readAll();
  } finally {
    await opened.close();
  }
}

async function headOf(store: string): Promise<number> {
  const opened = SqliteEventStore.open(store);
  try {
    return await opened.headPosition();
  } finally {
    await opened.close();
  }
}

describe('bem import rejects a bad file whole, naming the line', () => {
  const cases: [string, Record<string, unknown> | string, string][] = [
    ['a negative amount', payment('x', '-5.00'), 'line 5: amount: '],
    ['3 decimals', payment('x', '5.001'), 'line 5: amount: '],
    ['30 February', payment('x', '5.00', '2021-02-30'), 'line 5: occurredOn: '],
    ['an overspend', payment('x', '700.01'), 'line 5: amount: '],
    ['an unknown project', payment('x', '5.00', '2021-04-01', 'p-nope'), 'line 5: projectId: '],
    ['broken JSON', '{"command": "RecordPayment", "id": "x",', 'line 5: (json): '],
    ['a date outside the fiscal year', payment('x', '5.00', '2022-01-01'), 'line 5: occurredOn: '],
  ];

  it.each(cases)('%s', async (_name, badLine, message) => {
    const store = freshStore();
    const file = ledgerFile([...base, badLine, payment('y', '1.00')]);
    const run = await bem(store, 'import', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('nothing appended');
    expect(run.stdout).toBe('');
    expect(await headOf(store)).toBe(0);
  });

  it('lists every bad line, in order, and keeps an existing store untouched', async () => {
    const store = freshStore();
    expect((await bem(store, 'import', ledgerFile(base))).code).toBe(0);
    const file = ledgerFile([payment('a', '1.005'), payment('b', '10.00'), 'not json', payment('c', '900.00'), payment('d', '1.00', '2021-02-29')]);
    const run = await bem(store, 'import', file, '--json');
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('line '));
    expect(lines.map((line) => line.split(':').slice(0, 2).join(':'))).toEqual([
      'line 1: amount',
      'line 3: (json)',
      'line 4: amount',
      'line 5: occurredOn',
    ]);
    expect(json(run)).toMatchObject({ ok: false, appended: 0, errors: [{ line: 1, field: 'amount' }, {}, {}, {}] });
    expect(await headOf(store)).toBe(4);
  });

  it('a reused command id with different content is rejected', async () => {
    const store = freshStore();
    await bem(store, 'import', ledgerFile(base));
    const run = await bem(store, 'import', ledgerFile([{ ...base[3], amount: '301.00' }]));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 1: id: ');
  });
});

describe('bem import: dry run, idempotent re-import, warnings', () => {
  it('--dry-run validates and appends nothing', async () => {
    const store = freshStore();
    const run = await bem(store, 'import', fixture('sichuan-2020.jsonl'), '--dry-run', '--json');
    expect(run.code).toBe(0);
    const lines = readFileSync(fixture('sichuan-2020.jsonl'), 'utf8').split('\n').filter((line) => line.trim()).length;
    expect(json(run)).toMatchObject({ ok: true, dryRun: true, commands: lines, appended: lines });
    expect(await headOf(store)).toBe(0);
  });

  it('re-importing the same file appends nothing new', async () => {
    const store = freshStore();
    const first = json(await bem(store, 'import', fixture('xihu-2022.jsonl'), '--json'));
    const head = await headOf(store);
    const second = json(await bem(store, 'import', fixture('xihu-2022.jsonl'), '--json'));
    expect(first).toMatchObject({ commands: 103, appended: 103, duplicates: 0, events: 103 });
    expect(second).toMatchObject({ commands: 103, appended: 0, duplicates: 103, events: 0 });
    expect(await headOf(store)).toBe(head);
  });

  it('a file that overlaps an earlier import only adds the new lines', async () => {
    const store = freshStore();
    await bem(store, 'import', ledgerFile(base.slice(0, 3)));
    const run = json(await bem(store, 'import', ledgerFile(base), '--json'));
    expect(run).toMatchObject({ appended: 1, duplicates: 3 });
  });

  it('warns about unknown fields but imports the line', async () => {
    const store = freshStore();
    const run = await bem(store, 'import', ledgerFile([...base.slice(0, 3), { ...base[3], memo: 'x' }]));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: line 4: memo: ');
  });
});

describe('bem progress: as of a business date vs as known at a recorded instant', () => {
  it('a late entry dated in the past changes as-of but not what was known before it was recorded', async () => {
    const store = freshStore();
    await bem(store, 'import', ledgerFile(base));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await bem(store, 'import', ledgerFile([payment('late', '200.00', '2021-02-01')]));

    const args = ['progress', '--department', 'd1', '--year', '2021', '--as-of', '2021-03-31', '--json'];
    const now = json(await bem(store, ...args));
    const then = json(await bem(store, ...args, '--known-at', between));
    expect(now).toMatchObject({ paid: '500.00', executionRate: '50.00', knownAt: null });
    expect(then).toMatchObject({ paid: '300.00', executionRate: '30.00', knownAt: between });
    const february = json(await bem(store, 'progress', '--department', 'd1', '--year', '2021', '--as-of', '2021-02-28', '--json'));
    expect(february.paid).toBe('200.00');
  });

  it('takes a recordedAt as the known-at instant of history migrated with --migrate', async () => {
    const store = freshStore();
    await bem(store, 'import', '--migrate', ledgerFile(base.map((line) => ({ ...line, recordedAt: '2021-01-15T00:00:00Z' }))));
    await bem(store, 'import', '--migrate', ledgerFile([{ ...payment('late', '100.00', '2021-01-20'), recordedAt: '2021-06-01T00:00:00+08:00' }]));
    const args = ['progress', '--department', 'd1', '--year', '2021', '--json'];
    expect(json(await bem(store, ...args, '--known-at', '2021-05-31')).paid).toBe('300.00');
    expect(json(await bem(store, ...args, '--known-at', '2021-06-01')).paid).toBe('400.00');
  });
});

describe('recordedAt without --migrate', () => {
  it('is kept as metadata.originalRecordedAt; the store clock records the line', async () => {
    const store = freshStore();
    const started = new Date().toISOString();
    await bem(store, 'import', ledgerFile(base));
    expect((await bem(store, 'import', ledgerFile([{ ...payment('old', '100.00', '2021-01-20'), recordedAt: '1970-01-02T00:00:00Z' }]))).code).toBe(0);
    const args = ['progress', '--department', 'd1', '--year', '2021', '--json'];
    expect(json(await bem(store, ...args, '--known-at', '2000-01-01')).paid).toBe('0.00');
    expect(json(await bem(store, ...args)).paid).toBe('400.00');
    const events = await readStoredEvents(store);
    const payment1970 = events.find((event) => event.metadata.commandId === 'old')!;
    expect(payment1970.metadata.originalRecordedAt).toBe('1970-01-02T00:00:00.000Z');
    expect(payment1970.recordedAt >= started).toBe(true);
  });
});

describe('bem usage errors exit 2', () => {
  it.each([
    [['progress', '--department', 'd1', '--year', '20x1']],
    [['progress', '--year', '2021']],
    [['progress', '--department', 'd1', '--year', '2021', '--as-of', '2021-02-30']],
    [['frobnicate']],
    [['import', '/nonexistent/file.jsonl']],
  ])('%j', async (args) => {
    const run = await bem(freshStore(), ...args);
    expect(run.code).toBe(2);
    expect(run.stderr.length).toBeGreaterThan(0);
  });

  it('an unknown department is a domain error (exit 1)', async () => {
    const store = freshStore();
    expect((await bem(store, 'import', ledgerFile([{ command: 'RegisterDepartment', id: 'c1', departmentCode: 'd1', name: '测试局' }]))).code).toBe(0);
    const run = await bem(store, 'progress', '--department', 'nope', '--year', '2021');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('departmentCode: 部门 nope 未登记');
  });

  it('a store file that does not exist is refused by a read command, and nothing is created', async () => {
    const store = freshStore();
    const run = await bem(store, 'progress', '--department', 'nope', '--year', '2021');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('事件库不存在');
    expect(existsSync(store)).toBe(false);
  });
});

describe('bem progress --project', () => {
  it('refuses a project of another department or year', async () => {
    const store = freshStore();
    await bem(store, 'import', ledgerFile([...base, { command: 'RegisterDepartment', id: 't-d2', departmentCode: 'd2', name: '另一局' }]));
    const other = await bem(store, 'progress', '--department', 'd2', '--year', '2021', '--project', 'p1');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('project: ');
    const year = await bem(store, 'progress', '--department', 'd1', '--year', '2020', '--project', 'p1');
    expect(year.code).toBe(1);
    expect(year.stderr).toContain('year: ');
  });
});

describe('the human-readable progress table', () => {
  it('shows Chinese labels and the totals line', async () => {
    const store = freshStore();
    await bem(store, 'import', fixture('sichuan-2020.jsonl'));
    const run = await bem(store, 'progress', '--department', 'sc-ybj', '--year', '2020', '--as-of', '2020-06-30');
    expect(run.stdout).toContain('四川省医疗保障局 (sc-ybj) 2020 年度预算执行进度（截至 2020-06-30）');
    expect(run.stdout).toMatch(/合计\s+[\d.]+\s+128521000\.00\s+0\.00\s+30367300\.00\s+98153700\.00\s+23\.63%/);
  });
});

describe('bem import of a big file (streamed in chunks, parsed on a worker thread)', () => {
  const big = (bad: Record<number, Record<string, unknown> | string> = {}) => {
    const lines: (Record<string, unknown> | string)[] = [
      ...base.slice(0, 2),
      { command: 'IssueBudget', id: 't-3', projectId: 'p1', occurredOn: '2021-01-10', amount: '100000000.00', basis: 'initial', source: 'own' },
    ];
    for (let i = 0; i < 12_000; i++) lines.push({ ...payment(`big-${i}`, '1.25'), summary: `第${i}笔支付 / payment number ${i} of the big file` });
    for (const [line, text] of Object.entries(bad)) lines[Number(line) - 1] = text;
    return ledgerFile(lines);
  };

  it('imports every line of a file bigger than a chunk and the worker threshold', async () => {
    const store = freshStore();
    const run = await bem(store, 'import', big(), '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ ok: true, commands: 12_003, appended: 12_003, duplicates: 0, events: 12_003 });
    expect(await headOf(store)).toBe(12_003);
    expect(json(await bem(store, 'import', big(), '--json'))).toMatchObject({ appended: 0, duplicates: 12_003 });
  }, 60_000);

  it('rejects it whole when lines in different chunks are bad, naming every one of them', async () => {
    const store = freshStore();
    const file = big({ 5: 'not json', 7_001: payment('late-bad', '1.001'), 12_003: payment('big-0', '2.00') });
    const run = await bem(store, 'import', file, '--json');
    expect(run.code).toBe(1);
    expect(json(run).errors.map((issue: { line: number; field: string }) => [issue.line, issue.field])).toEqual([
      [5, '(json)'],
      [7_001, 'amount'],
      [12_003, 'id'],
    ]);
    expect(await headOf(store)).toBe(0);
  }, 60_000);
});
