import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../ledger/events';
import * as B from '../testing/builders';
import { given, issuesOf } from '../testing/specification';

const indicatorSet = (weight?: string): DomainEvent => ({
  type: 'IndicatorSet',
  data: { projectId: 'p1', indicatorId: 'i1', level1: '产出指标', level2: '数量指标', name: '召开专家论证会', target: '4次', ...(weight ? { weight } : {}) },
});

const scoreOf = (score: string, extra: Record<string, unknown> = {}) => ({ command: 'RecordIndicatorScore', projectId: 'p1', indicatorId: 'i1', score, ...extra });

describe('self-evaluation facts (RecordIndicatorScore / SetProjectText / RecordMonitoringAssessment)', () => {
  it('records the office score and reason of an indicator, even after the project is closed', () => {
    given([...B.openProject(), indicatorSet('15'), B.projectClosed()])
      .when(scoreOf('13', { reason: '8676 of 8755' }))
      .then([{ type: 'IndicatorScoreRecorded', data: { projectId: 'p1', indicatorId: 'i1', score: '13', reason: '8676 of 8755', fiscalYear: 2020 } }]);
  });

  it('refuses a score above the indicator 分值, or of an indicator never set', () => {
    given([...B.openProject(), indicatorSet('15')]).when(scoreOf('15.01')).thenThrows('SCORE_ABOVE_WEIGHT', 'score');
    given(B.openProject()).when(scoreOf('1')).thenThrows('UNKNOWN_INDICATOR', 'indicatorId');
    expect(issuesOf(scoreOf('-1')).map((issue) => issue.field)).toEqual(['score']);
    expect(issuesOf(scoreOf('1', { item: '预算执行率' }))[0].field).toBe('indicatorId');
    expect(issuesOf({ command: 'RecordIndicatorScore', projectId: 'p1', score: '1' })[0].field).toBe('indicatorId');
  });

  it('records the office score of a form row that is no indicator (预算执行率)', () => {
    given(B.openProject())
      .when({ command: 'RecordIndicatorScore', projectId: 'p1', item: '预算执行率', score: '9' })
      .then([{ type: 'IndicatorScoreRecorded', data: { projectId: 'p1', item: '预算执行率', score: '9', fiscalYear: 2020 } }]);
  });

  it('keeps a project text by section', () => {
    given(B.openProject())
      .when({ command: 'SetProjectText', projectId: 'p1', section: 'goal', text: '建立四川医保中药饮片数据库' })
      .then([{ type: 'ProjectTextSet', data: { projectId: 'p1', section: 'goal', text: '建立四川医保中药饮片数据库' } }]);
    expect(issuesOf({ command: 'SetProjectText', projectId: 'p1', section: 'intro', text: 'x' })[0].field).toBe('section');
  });

  it('records a monitoring assessment of an indicator or of the money (forecast in 元)', () => {
    const assessment = { command: 'RecordMonitoringAssessment', projectId: 'p1', asOf: '2020-07-31', indicatorId: 'i1', causes: ['funding', 'other'], likelihood: 'possible', explanation: '受疫情影响', forecast: '3次' };
    given([...B.openProject(), indicatorSet()])
      .when(assessment)
      .then([{ type: 'MonitoringAssessmentRecorded', data: { projectId: 'p1', asOf: '2020-07-31', indicatorId: 'i1', causes: ['funding', 'other'], likelihood: 'possible', explanation: '受疫情影响', forecast: '3次' } }]);
    given(B.openProject()).when({ command: 'RecordMonitoringAssessment', projectId: 'p1', asOf: '2020-07-31', forecast: 'lots' }).thenThrows('INVALID_FORECAST', 'forecast');
    given(B.openProject()).when({ ...assessment, asOf: '2021-01-31' }).thenThrows('DATE_OUTSIDE_FISCAL_YEAR', 'asOf');
    expect(issuesOf({ ...assessment, causes: ['weather'] })[0].field).toBe('causes.0');
    expect(issuesOf({ ...assessment, likelihood: 'maybe' })[0].field).toBe('likelihood');
  });

  it('accepts a 0 issuance (a form 0 row) and a named fund', () => {
    given(B.openProject())
      .when({ command: 'IssueBudget', projectId: 'p1', occurredOn: '2020-02-01', amount: '0', source: 'local', fund: '彩票公益金', basis: 'initial' })
      .then([{ type: 'BudgetIssued', data: { projectId: 'p1', occurredOn: '2020-02-01', amount: '0.00', source: 'local', fund: '彩票公益金', basis: 'initial' } }]);
  });
});
