import { CommandHandler } from '@bem/commands';
import { money } from '@bem/domain';
import { MemoryEventStore } from '@bem/event-store';
import { describe, expect, it } from 'vitest';
import { currentYearDemo } from './demo-current-year';

const register = { command: 'RegisterDepartment', id: 'dep', departmentCode: 'sc-ybj', name: '四川省医疗保障局', level: 'province' } as const;
const dated = (commands: ReturnType<typeof currentYearDemo>) =>
  commands.flatMap((c) => ('occurredOn' in c && typeof c.occurredOn === 'string' ? [c.occurredOn] : []));
const sum = (commands: ReturnType<typeof currentYearDemo>, name: string, projectId: string) =>
  commands.filter((c) => c.command === name && 'projectId' in c && c.projectId === projectId)
    .reduce((total, c) => total.plus(money((c as { amount: string }).amount)), money('0'));

describe('the demo\'s current year: a pure function of the start date', () => {
  it('is the start date\'s fiscal year, nothing dated after it, the same commands for the same date', () => {
    const commands = currentYearDemo('2026-12-01');
    expect(commands).toEqual(currentYearDemo('2026-12-01'));
    expect(new Set(commands.flatMap((c) => ('fiscalYear' in c && c.fiscalYear ? [c.fiscalYear] : [])))).toEqual(new Set([2026]));
    const dates = dated(commands);
    expect(dates.length).toBeGreaterThan(20);
    expect(dates.every((date) => date >= '2026-01-01' && date <= '2026-12-01')).toBe(true);
    expect(commands.some((c) => c.command === 'CloseProject')).toBe(false);
    expect(commands[0]).toMatchObject({ command: 'AssignProfile', fiscalYear: 2026, monitoring: 'sichuan-2025' });
  });

  it('pays under budget and around 序时进度: the platform near schedule, capacity well behind', () => {
    const commands = currentYearDemo('2026-07-01');
    for (const project of ['sc-2026-basic', 'sc-2026-platform', 'sc-2026-capacity', 'sc-2026-ydjy']) {
      const budget = sum(commands, 'IssueBudget', project);
      const paid = sum(commands, 'RecordPayment', project);
      expect(paid.gt(0) && paid.lt(budget), project).toBe(true);
      expect(sum(commands, 'RecordFundsArrival', project).lte(budget)).toBe(true);
    }
    // 序时进度 on 07-01: 181 of 365 days = 49.5 %
    const rate = (project: string) => sum(commands, 'RecordPayment', project).div(sum(commands, 'IssueBudget', project)).times(100).toFixed(1);
    expect(rate('sc-2026-platform')).toBe('44.6');
    expect(rate('sc-2026-capacity')).toBe('17.3');
    expect(commands.filter((c) => c.command === 'SetIndicator')).toHaveLength(3);
    expect(commands.filter((c) => c.command === 'RecordIndicatorActual')).toHaveLength(3);
  });

  it('on 1 January, on 29 February and on 31 December every command is accepted by the command handler', async () => {
    for (const date of ['2027-01-01', '2028-02-29', '2026-12-31']) {
      const handler = new CommandHandler(new MemoryEventStore());
      await handler.handleBatch([register]);
      const commands = currentYearDemo(date);
      expect(dated(commands).every((d) => d.startsWith(date.slice(0, 4)) && d <= date), date).toBe(true);
      const result = await handler.handleBatch(commands);
      expect(result.rejected, date).toEqual([]);
    }
  });

  it('refuses a start date that is not YYYY-MM-DD', () => {
    expect(() => currentYearDemo('1.12.2026')).toThrow(/YYYY-MM-DD/);
  });
});
