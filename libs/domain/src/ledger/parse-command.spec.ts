import { describe, expect, it } from 'vitest';
import { parseCommand } from './parse-command';
import { issuesOf } from '../testing/specification';

const payment = { command: 'RecordPayment', projectId: 'p1', paymentId: 'x', occurredOn: '2020-03-01', amount: '10.00' };

describe('ledger line validation (zod at the edge)', () => {
  it.each([
    ['-5.00', 'amount must be positive'],
    ['0', 'amount must be positive'],
    ['0.00', 'amount must be positive'],
    ['10.123', 'at most 2 decimals'],
    ['1e5', 'not a decimal amount'],
    ['abc', 'not a decimal amount'],
    ['10000000000000.00', 'below 10^13'],
  ])('refuses amount %s (%s)', (amount, why) => {
    const [issue] = issuesOf({ ...payment, amount });
    expect(issue.field).toBe('amount');
    expect(issue.message).toContain(why);
  });

  it('accepts the largest amount below 10^13 and normalises to 2 decimals', () => {
    const parsed = parseCommand({ id: 'c', ...payment, amount: '9999999999999.99' });
    expect(parsed.ok && parsed.command.command === 'RecordPayment' && parsed.command.amount).toBe('9999999999999.99');
    const short = parseCommand({ id: 'c', ...payment, amount: '12.5' });
    expect(short.ok && short.command.command === 'RecordPayment' && short.command.amount).toBe('12.50');
  });

  it('refuses money given as a JSON number', () => {
    expect(issuesOf({ ...payment, amount: 10 })[0]).toMatchObject({ field: 'amount', message: expect.stringContaining('decimal string') });
  });

  it('refuses a zero adjustment delta but accepts a signed one', () => {
    const adjust = { command: 'AdjustBudget', projectId: 'p1', occurredOn: '2020-03-01', kind: 'decrease', reason: 'r' };
    expect(issuesOf({ ...adjust, delta: '0.00' })[0]).toMatchObject({ field: 'delta', message: expect.stringContaining('must not be zero') });
    expect(parseCommand({ id: 'c', ...adjust, delta: '-3.5' }).ok).toBe(true);
  });

  it.each(['2020-02-30', '2021-02-29', '2020-13-01', '2020-04-31', '20200301', '2020-3-1'])('refuses the date %s', (occurredOn) => {
    expect(issuesOf({ ...payment, occurredOn })[0]).toMatchObject({ field: 'occurredOn', message: expect.stringContaining('calendar date') });
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseCommand({ id: 'c', ...payment, occurredOn: '2020-02-29' }).ok).toBe(true);
  });

  it('names missing fields, unknown commands and bad enums', () => {
    expect(issuesOf({ command: 'RecordPayment', projectId: 'p1', occurredOn: '2020-03-01', amount: '1' })).toEqual([
      { field: 'paymentId', message: expect.stringContaining('required') },
    ]);
    expect(issuesOf({ command: 'PayEverything' })[0]).toMatchObject({ field: 'command', message: expect.stringContaining('unknown command') });
    expect(issuesOf({ ...payment, threePublic: 'banquet' })[0]).toMatchObject({ field: 'threePublic' });
    expect(parseCommand([1, 2]).ok).toBe(false);
  });

  it('reports unknown fields without rejecting the line', () => {
    const parsed = parseCommand({ id: 'c', ...payment, ammount: '3' });
    expect(parsed.ok && parsed.unknownFields).toEqual(['ammount']);
  });

  it('needs a project, or a department and year, for an indicator', () => {
    const indicator = { command: 'SetIndicator', indicatorId: 'i', level1: '产出指标', level2: '数量指标', name: 'n', target: '≥1' };
    expect(issuesOf(indicator)[0].field).toBe('projectId');
    expect(issuesOf({ ...indicator, departmentCode: 'd1' })[0].field).toBe('projectId');
    expect(parseCommand({ id: 'c', ...indicator, departmentCode: 'd1', fiscalYear: 2022 }).ok).toBe(true);
  });
});
