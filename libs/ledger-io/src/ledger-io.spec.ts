import { describe, expect, it } from 'vitest';
import { parseCsvLedger } from './csv';
import { parseLedger } from './jsonl';
import { toYuan } from './units';

describe('万元 conversion', () => {
  it.each([
    ['1', '10000.00'],
    ['0.000001', '0.01'],
    ['123.456789', '1234567.89'],
    ['-10.5', '-105000.00'],
  ])('%s 万元 = %s 元', (wan, yuan) => expect(toYuan(wan, '万元')).toEqual({ value: yuan }));

  it('refuses more than 6 decimals', () => expect(toYuan('0.0000001', '万元')).toHaveProperty('problem'));
});

describe('CSV ledgers', () => {
  it('derives stable ids from file name and row, distinct for identical rows', () => {
    const csv = '日期,项目编码,类型,金额,支付编号\n2021-03-01,p,支付,1.00,\n2021-03-01,p,支付,1.00,\n';
    const first = parseCsvLedger(csv, { fileName: 'a.csv' });
    const again = parseCsvLedger(csv, { fileName: 'a.csv' });
    const other = parseCsvLedger(csv, { fileName: 'b.csv' });
    const ids = first.lines.map((line) => line.command.id);
    expect(first.errors).toEqual([]);
    expect(new Set(ids).size).toBe(2);
    expect(again.lines.map((line) => line.command.id)).toEqual(ids);
    expect(other.lines.map((line) => line.command.id)).not.toEqual(ids);
    expect(first.lines[0].command).toMatchObject({ command: 'RecordPayment', paymentId: ids[0], amount: '1.00' });
  });

  it('warns about unknown columns and needs a 类型 column', () => {
    expect(parseCsvLedger('类型,备注x\nIssueBudget,1\n').warnings[0]).toMatchObject({ line: 1, field: '备注x' });
    expect(parseCsvLedger('日期\n2021-01-01\n').errors[0]).toMatchObject({ line: 1, field: '类型' });
  });

  it('reports the file line of each row (quoted newlines included)', () => {
    const csv = '类型,项目编码,日期,调整类型,金额,摘要\n调整,p,2021-01-01,调增,5,"两行\n摘要"\n调整,p,2021-01-01,调增,0,x\n';
    const parsed = parseCsvLedger(csv);
    expect(parsed.lines[0].command).toMatchObject({ command: 'AdjustBudget', delta: '5.00', kind: 'increase', reason: '两行\n摘要' });
    expect(parsed.errors).toEqual([expect.objectContaining({ line: 4, field: 'delta' })]);
  });
});

describe('JSONL with a unit', () => {
  it('multiplies amounts only when 万元 is asked for', () => {
    const line = '{"command":"IssueBudget","id":"i","projectId":"p","occurredOn":"2021-01-01","amount":"1.5","basis":"initial"}';
    expect(parseLedger(line).lines[0].command).toMatchObject({ amount: '1.50' });
    expect(parseLedger(line, '万元').lines[0].command).toMatchObject({ amount: '15000.00' });
  });
});
