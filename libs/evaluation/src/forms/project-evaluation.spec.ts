import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@bem/event-store';
import { projectFigures } from '../model/project-figures';
import { parseScoringProfile } from '../profiles/load-scoring-profile';
import nationalProfile from '../../profiles/national.json';
import sichuanProfile from '../../profiles/sichuan-2020.json';
import { buildProjectEvaluation } from './project-evaluation';
import { fundRows } from './fund-rows';
import type { ProjectYear } from './project-year';

let position = 0;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e-${++position}`, type, stream: 'project-p', revision: position, position, recordedAt: '2021-01-01T00:00:00.000Z', data, metadata: {},
});

const national = parseScoringProfile(nationalProfile);
const sichuan = parseScoringProfile(sichuanProfile);

interface Spec { weight: string | null; level1: string; target: string; actual: string | null; office: string | null }

function yearOf(budget: string, paid: string, indicators: Spec[]): ProjectYear {
  const events = [
    event('ProjectRegistered', { projectId: 'p', departmentCode: 'd', fiscalYear: 2021, name: '测试项目', kind: 'project' }),
    event('BudgetIssued', { projectId: 'p', occurredOn: '2021-01-10', amount: budget, source: 'county', basis: 'initial' }),
    ...(paid === '0.00' ? [] : [event('PaymentMade', { projectId: 'p', paymentId: 'x', occurredOn: '2021-06-01', amount: paid })]),
    ...indicators.flatMap((spec, i) => [
      event('IndicatorSet', { projectId: 'p', indicatorId: `i${i}`, level1: spec.level1, level2: '数量指标', name: `指标${i}`, target: spec.target, ...(spec.weight ? { weight: spec.weight } : {}) }),
      ...(spec.actual ? [event('IndicatorActualRecorded', { projectId: 'p', indicatorId: `i${i}`, occurredOn: '2021-12-31', value: spec.actual })] : []),
    ]),
  ];
  const figures = projectFigures(events, '2021-12-31');
  if (!figures) throw new Error('no project');
  const officeScores = new Map(indicators.flatMap((spec, i) => (spec.office ? [[`i${i}`, event('IndicatorScoreRecorded', { projectId: 'p', indicatorId: `i${i}`, score: spec.office }) as never]] : [])));
  return { figures, departmentCode: 'd', departmentName: '测试局', texts: new Map(), officeScores, assessments: [] };
}

const amount = fc.integer({ min: 1, max: 10_000_000 }).map((fen) => (fen / 100).toFixed(2));
const indicator = fc.record({
  weight: fc.option(fc.integer({ min: 0, max: 9000 }).map((hundredths) => (hundredths / 100).toFixed(2)), { nil: null }),
  level1: fc.constantFrom('产出指标', '效益指标', '满意度指标'),
  target: fc.constantFrom('≥100人次', '=3次', '≥90%', '≤30秒', '有所提升', '3个市州、6个县', '实施乡镇社区基层医疗机构37个。', '2021-12-31前'),
  actual: fc.option(fc.constantFrom('120人次', '2次', '95%', '60秒', '明显提升', '3个市州、2个县', '40个', '2021-11-30', '较往年提升'), { nil: null }),
  office: fc.option(fc.integer({ min: 0, max: 500 }).map((tenths) => (tenths / 10).toFixed(1)), { nil: null }),
});

describe('project 自评表 scoring: no score above its 分值', () => {
  it('every indicator, the execution row and the total stay within their 分值 (national and sichuan-2020), whatever the inputs', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 120 }), fc.array(indicator, { minLength: 0, maxLength: 12 }), (budget, paidShare, specs) => {
        const paid = Math.min(Number(budget), (Number(budget) * paidShare) / 100).toFixed(2);
        for (const profile of [national, sichuan]) {
          const report = buildProjectEvaluation(yearOf(budget, paid, specs), profile);
          for (const row of [...report.indicators, ...report.scoringRows, report.funds[0]]) {
            if (row.score !== null) expect(Number(row.score)).toBeLessThanOrEqual(Number(row.weight));
            if (row.officeScore !== null) expect(Number(row.officeScore)).toBeLessThanOrEqual(Number(row.weight));
          }
          expect(Number(report.totalScore)).toBeLessThanOrEqual(100);
          if (report.officeTotalScore) expect(Number(report.officeTotalScore)).toBeLessThanOrEqual(100);
          if (profile === national && report.indicators.some((row) => Number(row.weight) > 0)) {
            const sum = report.indicators.reduce((total, row) => total + Number(row.weight), 0);
            expect(Math.abs(sum - 90)).toBeLessThan(0.01 * report.indicators.length + 0.001);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('project funds: a row no event speaks of is blank, a 0 issuance prints 0.00, a named fund is a 其中 row', () => {
    const events = [
      event('ProjectRegistered', { projectId: 'p', departmentCode: 'd', fiscalYear: 2021, name: '测试项目', kind: 'project' }),
      event('BudgetIssued', { projectId: 'p', occurredOn: '2021-01-10', amount: '500000.00', source: 'central', basis: 'initial', fund: '彩票公益金' }),
      event('BudgetIssued', { projectId: 'p', occurredOn: '2021-01-10', amount: '0.00', source: 'other', basis: 'initial' }),
      event('PaymentMade', { projectId: 'p', paymentId: 'x', occurredOn: '2021-06-01', amount: '250000.00' }),
    ];
    const rows = fundRows(projectFigures(events, '2021-12-31')!);
    expect(rows.map((row) => [row.label, row.initial, row.full, row.executed, row.rate])).toEqual([
      ['年度资金总额', '500000.00', '500000.00', '250000.00', '50.00'],
      ['其中：当年财政拨款', '500000.00', '500000.00', '250000.00', '50.00'],
      ['其中：彩票公益金', '500000.00', '500000.00', null, null],
      ['上年结转资金', null, null, null, null],
      ['其他资金', '0.00', '0.00', '0.00', null],
    ]);
  });
});
