import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@bem/event-store';
import { projectFigures } from '../model/project-figures';
import { parseScoringProfile } from '../profiles/load-scoring-profile';
import sichuan2019 from '../../profiles/sichuan-2019.json';
import type { Cell, Grid } from '../render/filed-document';
import { projectCompletionForm } from './project-completion-form';
import { buildProjectEvaluation } from './project-evaluation';
import type { ProjectYear } from './project-year';

let position = 0;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e-${++position}`, type, stream: 'project-p', revision: position, position, recordedAt: '2019-01-01T00:00:00.000Z', data, metadata: {},
});

/** 87万 kept of a 中央 补助 (140万 received, 53万 passed down), 28.84万 paid, three indicators and the goals (seed 000). */
function year(): ProjectYear {
  const events = [
    event('ProjectRegistered', { projectId: 'p', departmentCode: 'ls', fiscalYear: 2019, name: '医疗服务与保障能力提升补助资金', kind: 'project' }),
    event('BudgetIssued', { projectId: 'p', occurredOn: '2019-06-28', amount: '1400000.00', source: 'central', basis: 'supplementary' }),
    event('BudgetAllocated', { projectId: 'p', toProjectId: 'c', occurredOn: '2019-08-15', amount: '530000.00', source: 'central', allocationId: 'a' }),
    event('PaymentMade', { projectId: 'p', paymentId: 'x', occurredOn: '2019-12-20', amount: '288400.00' }),
    ...[['项目完成指标', '数量指标', '开展全域医保政策宣传活动次数', '≥2次', '发布新闻共计四次'], ['项目完成指标', '数量指标', '医保信息系统正常运行率', '≥90%', '正常运行'], ['满意度指标', '服务对象满意度', '参保人员对医保服务满意度', '≥70%', '群众满意度100%']]
      .flatMap(([level1, level2, name, target, actual], i) => [
        event('IndicatorSet', { projectId: 'p', indicatorId: `i${i}`, level1, level2, name, target }),
        event('IndicatorActualRecorded', { projectId: 'p', indicatorId: `i${i}`, occurredOn: '2019-12-31', value: actual }),
      ]),
  ];
  const texts = new Map([['goal', event('ProjectTextSet', { projectId: 'p', section: 'goal', text: '提升医保信息化水平' }) as never], ['outcome', event('ProjectTextSet', { projectId: 'p', section: 'outcome', text: '已完成' }) as never]]);
  return { figures: projectFigures(events, '2019-12-31')!, departmentCode: 'ls', departmentName: '乐山市医疗保障局', texts, officeScores: new Map(), assessments: [] };
}

/** Each row's cells fill the grid's columns once the row spans from above are counted. */
function widths(grid: Grid): number[] {
  const covered = new Map<number, number>();
  return grid.rows.map((row, r) => {
    const width = row.reduce((sum, cell: Cell) => sum + (cell.colSpan ?? 1), 0) + (covered.get(r) ?? 0);
    for (const cell of row) for (let k = 1; k < (cell.rowSpan ?? 1); k += 1) covered.set(r + k, (covered.get(r + k) ?? 0) + (cell.colSpan ?? 1));
    return width;
  });
}

describe('项目绩效目标完成情况表 (seed 000): the form of a profile that files completion, not scores', () => {
  const profile = parseScoringProfile(sichuan2019);
  const form = projectCompletionForm(buildProjectEvaluation(year(), profile), { unit: '万元', decimals: 2 });
  const grid = form.blocks[0] as Grid;
  const texts = grid.rows.map((row) => row.map((cell) => cell.text));

  it('is asked for by the profile, and carries the seed\'s title and blocks', () => {
    expect(profile.projectForm).toBe('completion');
    expect(form.title).toBe('项目绩效目标完成情况表');
    expect(texts.map((row) => row[0])).toEqual(expect.arrayContaining(['项目名称', '预算部门', '预算执行情况（万元）', '年度目标完成情况', '绩效指标完成情况']));
  });

  it('prints 预算数 / 执行数 with 其中-财政拨款 and a blank 其它资金 line, in 万元', () => {
    const at = texts.findIndex((row) => row[0] === '预算执行情况（万元）');
    expect(texts[at].slice(1, 5)).toEqual(['预算数：', '87.00', '执行数：', '28.84']);
    expect(texts[at + 1].slice(0, 4)).toEqual(['其中-财政拨款：', '87.00', '其中-财政拨款：', '28.84']);
    expect(texts[at + 2].slice(0, 4)).toEqual(['其它资金：', '', '其它资金：', '']);
  });

  it('lists the indicators with 预期 / 实际 values, no 分值 or 得分; every row fills the six columns', () => {
    expect(texts.slice(-3).map((row) => row.slice(-3))).toEqual([['开展全域医保政策宣传活动次数', '≥2次', '发布新闻共计四次'], ['医保信息系统正常运行率', '≥90%', '正常运行'], ['参保人员对医保服务满意度', '≥70%', '群众满意度100%']]);
    expect(texts.flat()).not.toContain('分值');
    expect(widths(grid).every((width) => width === grid.columns.length)).toBe(true);
  });
});
