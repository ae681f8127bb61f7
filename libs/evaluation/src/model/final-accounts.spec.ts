import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@bem/event-store';
import { finalAccountsTables } from './final-accounts';
import { FigureIndex } from './figure-index';
import { projectFigures } from './project-figures';

let position = 0;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e-${++position}`, type, stream: 'project', revision: 0, position, recordedAt: '2019-01-01T00:00:00.000Z', data, metadata: {},
});

type Line = { id: string; kind: 'basic' | 'project'; basicClass?: 'personnel' | 'public'; code?: string; issues: [string, string, string][]; payments: [string, string][] };

/** Projects of 2019: issuances (amount, source, basis) and payments (amount, source), in 元. */
const figuresOf = (lines: Line[]) =>
  lines.map((line) =>
    projectFigures([
      event('ProjectRegistered', { projectId: line.id, departmentCode: 'ls', fiscalYear: 2019, name: line.id, kind: line.kind, basicClass: line.basicClass, functionalCode: line.code }),
      ...line.issues.map(([amount, source, basis]) => event('BudgetIssued', { projectId: line.id, occurredOn: '2019-05-20', amount, source, basis })),
      ...line.payments.map(([amount, source], i) => event('PaymentMade', { projectId: line.id, paymentId: `${line.id}-${i}`, occurredOn: '2019-12-20', amount, source })),
    ], '2019-12-31')!,
  );

describe('部门决算 tables (seed 000): 收入支出决算总表 and 一般公共预算财政拨款支出决算表 by 功能分类科目', () => {
  const projects = figuresOf([
    { id: 'ry', kind: 'basic', basicClass: 'personnel', code: '2080101', issues: [['800000.00', 'own', 'initial']], payments: [['790000.00', 'own']] },
    { id: 'gy', kind: 'basic', basicClass: 'public', code: '2080101', issues: [['200000.00', 'own', 'initial']], payments: [['150000.00', 'own']] },
    { id: 'gjj', kind: 'basic', basicClass: 'personnel', code: '2210201', issues: [['100000.00', 'own', 'initial']], payments: [['100000.00', 'own']] },
    { id: 'xm', kind: 'project', code: '2101502', issues: [['400000.00', 'central', 'supplementary']], payments: [['100000.00', 'central']] },
    { id: 'jz', kind: 'project', code: '2080109', issues: [['90000.00', 'other', 'carryover'], ['2700.00', 'other', 'initial']], payments: [['50000.00', 'other']] },
  ]);
  const index = new FigureIndex();
  const [accounts, byFunction] = finalAccountsTables(projects, index);
  const amount = (key: string) => index.get(key)?.value.toFixed(2);

  it('收入: 财政拨款 (当年, every fiscal source), 其他收入 (non-fiscal, not carried over), 年初结转; 支出 split 基本 / 项目, 人员 / 公用', () => {
    expect(accounts.title).toBe('收入支出决算总表');
    expect(['本年收入合计', '一般公共预算财政拨款收入', '其他收入', '年初结转和结余', '收入总计'].map((l) => amount(`收入支出决算/${l}`))).toEqual(['150.27', '150.00', '0.27', '9.00', '159.27']);
    expect(['本年支出合计', '基本支出', '人员经费', '日常公用经费', '项目支出', '年末结转和结余'].map((l) => amount(`收入支出决算/${l}`))).toEqual(['119.00', '104.00', '89.00', '15.00', '15.00', '40.27']);
    expect(amount('收入支出决算/基本支出/占比')).toBe('87.39');
  });

  it('财政拨款支出 by 类 and 项: budget and payments of fiscal sources only (a 项 spent from other funds alone has no line), completion and share', () => {
    expect(byFunction.rows.map((row) => [row.cells.code, row.cells.name, row.cells.budget, row.cells.paid, row.cells.completion])).toEqual([
      ['208', '社会保障和就业支出', '100.00', '94.00', '94.00'],
      ['2080101', '　行政运行', '100.00', '94.00', '94.00'],
      ['210', '卫生健康支出', '40.00', '10.00', '25.00'],
      ['2101502', '　一般行政管理事务', '40.00', '10.00', '25.00'],
      ['221', '住房保障支出', '10.00', '10.00', '100.00'],
      ['2210201', '　住房公积金', '10.00', '10.00', '100.00'],
      [null, '合计', '150.00', '114.00', '76.00'],
    ]);
    expect(amount('财政拨款支出/208/占比')).toBe('82.46');
    expect(amount('财政拨款支出/合计/占本年支出合计')).toBe('95.80');
    expect(amount('财政拨款支出/2080101/结余')).toBe('6.00');
  });

  it('prints neither table for a year whose projects name no 功能分类科目', () => {
    const plain = figuresOf([{ id: 'p', kind: 'project', issues: [['10.00', 'own', 'initial']], payments: [] }]);
    expect(finalAccountsTables(plain, new FigureIndex())).toEqual([]);
  });
});
