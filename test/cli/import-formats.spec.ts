import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hashToken } from '@bem/auth';
import { SqliteEventStore } from '@bem/event-store';
import { bem, freshStore, json, ledgerFile } from '../support/cli';

const setup = [
  { command: 'RegisterDepartment', id: 'f-1', departmentCode: 'fd', name: '格式测试局' },
  { command: 'RegisterProject', id: 'f-2', projectId: 'fd-p', departmentCode: 'fd', fiscalYear: 2021, name: '项目', kind: 'project' },
];

const tempFile = (name: string, content: string | Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'bem-formats-')), name);
  writeFileSync(path, content);
  return path;
};

describe('bem import .csv / .xlsx with --unit', () => {
  it('imports a Chinese CSV in 万元 and re-imports it idempotently', async () => {
    const store = freshStore();
    expect((await bem(store, 'import', ledgerFile(setup))).code).toBe(0);
    const csv = tempFile('预算.csv', '日期,项目编码,类型,金额,下达依据\n2021-01-05,fd-p,下达,88.8,年初\n');
    const run = await bem(store, 'import', csv, '--unit', '万元', '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ ok: true, commands: 1, appended: 1 });
    expect(json(await bem(store, 'import', csv, '--unit', '万元', '--json'))).toMatchObject({ appended: 0, duplicates: 1 });
    const progress = json(await bem(store, 'progress', '--department', 'fd', '--year', '2021', '--json'));
    expect(progress.budgetCurrent).toBe('888000.00');
  });

  it('rejects a bad XLSX whole, every bad row reported "line N: field: why"', async () => {
    const store = freshStore();
    await bem(store, 'import', ledgerFile(setup));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    sheet.addRow(['编号', '日期', '项目编码', '类型', '金额', '下达依据']);
    sheet.addRow(['x1', '2021-01-05', 'fd-p', '下达', '100.00', '年初']);
    sheet.addRow(['x2', '2021-01-05', 'fd-p', '下达', 'abc', '年初']);
    sheet.addRow(['x3', '2021-01-05', 'fd-p', '下达', '100.00', '明年']);
    const file = tempFile('bad.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    const run = await bem(store, 'import', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^line 3: amount: /m);
    expect(run.stderr).toMatch(/^line 4: basis: /m);
    expect(run.stderr).toContain('nothing appended');
    const db = SqliteEventStore.open(store);
    expect(await db.headPosition()).toBe(2);
    await db.close();
  });

  it('refuses an unknown --unit as a usage error', async () => {
    const run = await bem(freshStore(), 'import', ledgerFile(setup), '--unit', '斤');
    expect(run.code).toBe(2);
  });
});

describe('bem token create', () => {
  it('prints the token once and stores only its SHA-256 hash', async () => {
    const store = freshStore();
    const run = await bem(store, 'token', 'create', '--role', 'clerk', '--departments', 'a,b', '--label', 'x', '--json');
    expect(run.code).toBe(0);
    const { token } = json<{ token: string }>(run);
    expect(token).toMatch(/^bem_/);
    const db = SqliteEventStore.open(store);
    const rows = db.db.prepare('SELECT * FROM auth_tokens').all() as { hash: string; role: string; departments: string; label: string }[];
    expect(rows).toEqual([expect.objectContaining({ hash: hashToken(token), role: 'clerk', departments: '["a","b"]', label: 'x' })]);
    expect(JSON.stringify(rows)).not.toContain(token);
    await db.close();
  });

  it('a wrong role or empty scope is a usage error', async () => {
    expect((await bem(freshStore(), 'token', 'create', '--role', 'boss', '--departments', '*')).code).toBe(2);
    expect((await bem(freshStore(), 'token', 'create', '--role', 'admin', '--departments', ' , ')).code).toBe(2);
  });
});
