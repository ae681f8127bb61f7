import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@bem/event-store';
import { basicDataTable } from './basic-data';
import { FigureIndex } from './figure-index';
import { type ProjectFigures, projectFigures } from './project-figures';

let position = 0;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e-${++position}`, type, stream: 'project', revision: 0, position, recordedAt: '2020-01-01T00:00:00.000Z', data, metadata: {},
});

/** A project of 2020 with a budget and one payment, in 元. */
function project(projectId: string, name: string, budget: string, paid: string, extra: Record<string, unknown> = {}): ProjectFigures {
  const events = [
    event('ProjectRegistered', { projectId, departmentCode: 'kf', fiscalYear: 2020, name, kind: 'project', ...extra }),
    event('BudgetIssued', { projectId, occurredOn: '2020-01-15', amount: budget, source: 'own', basis: 'initial' }),
    event('PaymentMade', { projectId, paymentId: `${projectId}-p`, occurredOn: '2020-12-01', amount: paid }),
  ];
  return projectFigures(events, '2020-12-31')!;
}

const SPECIAL = '专项经费（含政府专项）';

describe('基础数据表: a project category prints as a subtotal with its 其中 rows; the office\'s 备注 per row', () => {
  const projects = [
    project('ywjf', '业务工作经费', '900000.00', '900000.00'),
    project('gfyl', '公费医疗', '4200000.00', '4200000.00', { category: SPECIAL }),
    project('yljz', '医疗救助', '10800000.00', '9810000.00', { category: SPECIAL }),
  ];
  const index = new FigureIndex();
  const table = basicDataTable(2020, projects, [], index, new Map([['公费医疗', '含子女统筹区内部政策'], ['支出合计', '决算报表决算数2177万元']]));
  const labels = table.rows.map((row) => row.cells.label);

  it('the category comes after the uncategorised project, as one numbered line, its projects under it', () => {
    expect(labels.slice(labels.indexOf('（二）项目支出'), labels.indexOf('政府采购金额'))).toEqual(['（二）项目支出', '1.业务工作经费', `2.${SPECIAL}`, '其中：公费医疗', '医疗救助']);
    const subtotal = table.rows.find((row) => row.cells.label === `2.${SPECIAL}`)!;
    expect([subtotal.cells['年初预算'], subtotal.cells['决算'], subtotal.depth]).toEqual(['1500.00', '1401.00', 2]);
    expect(table.rows.find((row) => row.cells.label === '医疗救助')!.depth).toBe(3);
  });

  it('indexes the subtotal under the category for the consistency check, the projects under their names', () => {
    expect(index.get(`基础数据表/${SPECIAL}/调整预算`)?.value.toFixed(2)).toBe('1500.00');
    expect(index.get('基础数据表/医疗救助/决算')?.value.toFixed(2)).toBe('981.00');
    expect(index.get(`基础数据表/${SPECIAL}/上年决算`)).toBeNull();
  });

  it('prints the 备注 column: the office\'s remark where it recorded one, nothing elsewhere', () => {
    expect(table.columns.at(-1)).toEqual({ key: 'remark', label: '备注', kind: 'text' });
    expect(table.rows.find((row) => row.cells.label === '其中：公费医疗')!.cells.remark).toBe('含子女统筹区内部政策');
    expect(table.rows.find((row) => row.cells.label === '支出合计')!.cells.remark).toBe('决算报表决算数2177万元');
    expect(table.rows.find((row) => row.cells.label === '医疗救助')!.cells.remark).toBeNull();
  });
});
