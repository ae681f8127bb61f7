import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, startApi, tokenFor } from '../support/api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SETUP = [
  { command: 'RegisterDepartment', id: 'im-1', departmentCode: 'im', name: '导入测试局' },
  { command: 'RegisterProject', id: 'im-2', projectId: 'im-p', departmentCode: 'im', fiscalYear: 2021, name: '项目', kind: 'project' },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

/** 万元 amounts, Chinese headers and values, no 编号 column (ids derived from file name + row). */
const CSV = [
  '日期,项目编码,类型,金额（万元）,资金来源,下达依据,调整类型,摘要,支付编号',
  '2021-01-05,im-p,预算下达,120.5,本级,年初,,,',
  '2021-02-01,im-p,到位,100,中央,,,,',
  '2021-03-10,im-p,支付,12.345678,,,,办公设备,pay-1',
  '2021-06-01,im-p,调整,-10,,,调减,压减一般性支出,',
].join('\n');

async function workbook(rows: (string | number | Date)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('账本');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('POST /api/v1/imports', () => {
  let api: RunningApi;
  let admin: string;
  beforeAll(async () => {
    api = await startApi();
    admin = await tokenFor(api, 'admin', '*');
  });
  afterAll(() => api.close());

  const upload = (query: string, body: string | Buffer, contentType?: string) =>
    call(api, 'POST', `/api/v1/imports${query}`, { token: admin, body, headers: contentType ? { 'content-type': contentType } : {} });
  const progress = async () => (await call(api, 'GET', '/api/v1/projects/im-p/progress?asOf=2021-12-31', { token: admin })).body;
  const eventCount = async () => (await call(api, 'GET', '/api/v1/projects/im-p/events', { token: admin })).body.events.length;

  it('imports JSONL by Content-Type, and a re-import appends nothing', async () => {
    const first = await upload('', SETUP, 'application/x-ndjson');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ok: true, format: 'jsonl', commands: 2, appended: 2, duplicates: 0 });
    const again = await upload('', SETUP, 'application/x-ndjson');
    expect(again.body).toMatchObject({ appended: 0, duplicates: 2 });
  });

  it('imports CSV with Chinese headers in 万元, exactly; re-import is idempotent', async () => {
    const dry = await upload('?unit=万元&filename=ledger-2021.csv&dryRun=true', CSV, 'text/csv');
    expect([dry.status, dry.body.dryRun, dry.body.appended]).toEqual([200, true, 4]);
    expect(await eventCount()).toBe(1);

    const reply = await upload('?unit=万元&filename=ledger-2021.csv', CSV, 'text/csv');
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ format: 'csv', commands: 4, appended: 4 });
    expect(await progress()).toMatchObject({ budgetCurrent: '1105000.00', arrived: '1000000.00', paid: '123456.78' });
    const events = (await call(api, 'GET', '/api/v1/projects/im-p/events', { token: admin })).body.events;
    expect(events.find((e: { type: string }) => e.type === 'BudgetAdjusted').data).toMatchObject({ delta: '-100000.00', kind: 'decrease', reason: '压减一般性支出' });
    expect(events.find((e: { type: string }) => e.type === 'FundsArrived').data.source).toBe('central');

    const again = await upload('?unit=万元&filename=ledger-2021.csv', CSV, 'text/csv');
    expect(again.body).toMatchObject({ appended: 0, duplicates: 4 });
  });

  it('imports XLSX built with exceljs (dates as dates, English headers)', async () => {
    const body = await workbook([
      ['id', 'command', 'projectId', 'occurredOn', 'amount', 'paymentId', 'source'],
      ['x-1', 'RecordPayment', 'im-p', new Date(Date.UTC(2021, 3, 1)), '1000.50', 'pay-x1', '本级'],
      ['x-2', '支付', 'im-p', '2021-04-02', 2000, 'pay-x2', ''],
    ]);
    const reply = await upload('', body, XLSX);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ format: 'xlsx', commands: 2, appended: 2 });
    expect((await progress()).paid).toBe('126457.28');
  });

  it('a bad CSV is rejected whole: every bad row with its line number, nothing appended', async () => {
    const before = await eventCount();
    const bad = [
      '编号,日期,项目编码,类型,金额,支付编号',
      'b-1,2021-05-01,im-p,支付,10.00,pay-b1',
      'b-2,2021-02-30,im-p,支付,10.00,pay-b2',
      'b-3,2021-05-01,im-p,付款,10.00,pay-b3',
      'b-4,2021-05-01,im-p,支付,10.001,pay-b4',
      'b-5,2021-05-01,im-p,支付,99999999.00,pay-b5',
    ].join('\n');
    const reply = await upload('?format=csv', bad);
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [3, 'occurredOn'],
      [4, 'command'],
      [5, 'amount'],
      [6, 'amount'],
    ]);
    expect(reply.body.detail).toContain('nothing appended');
    expect(await eventCount()).toBe(before);
  });

  it('a bad XLSX is rejected with sheet row numbers; a 万元 amount with 7 decimals is an error', async () => {
    const before = await eventCount();
    const body = await workbook([
      ['编号', '日期', '项目编码', '类型', '金额', '支付编号'],
      ['w-1', '2021-05-01', 'im-p', '支付', '1.1234567', 'pay-w1'],
      ['w-2', '2021-05-01', 'no-such-project', '支付', '1', 'pay-w2'],
    ]);
    const reply = await upload('?unit=万元', body, XLSX);
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'amount', message: expect.stringContaining('6') }),
      expect.objectContaining({ line: 3, field: 'projectId', code: 'UNKNOWN_PROJECT' }),
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('400 when the format cannot be told, or a query parameter is wrong', async () => {
    const unknown = await upload('', 'a,b', 'application/octet-stream');
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([400, 'format']);
    const badQuery = await upload('?format=pdf&unit=斤', SETUP);
    expect(badQuery.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['format', 'unit']);
  });
});
