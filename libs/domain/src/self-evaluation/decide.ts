import type { CommandOf } from '../ledger/commands';
import type { DomainEvent } from '../ledger/events';
import { DomainError, fiscalYearMismatch, unknownProject } from '../shared/errors';
import { amountProblem } from '../shared/fields';
import { Money } from '../shared/money';
import { unknownIndicator } from '../project/errors';
import type { ProjectState } from '../project/state';

/**
 * What an office writes about a project after the facts: its own 得分, its texts, its 监控 assessments. They are
 * judgements, not money facts, so a closed project still takes them (the 自评表 is filed after 关账).
 */
export type SelfEvaluationCommand = CommandOf<'RecordIndicatorScore'> | CommandOf<'SetProjectText'> | CommandOf<'RecordMonitoringAssessment'>;

export const isSelfEvaluationCommand = (command: { command: string }): command is SelfEvaluationCommand =>
  command.command === 'RecordIndicatorScore' || command.command === 'SetProjectText' || command.command === 'RecordMonitoringAssessment';

export const scoreAboveWeight = (indicatorId: string, score: string, weight: string) =>
  new DomainError('SCORE_ABOVE_WEIGHT', 'score', `指标 ${indicatorId} 的得分 ${score} 超过其分值 ${weight}`, `score ${score} of indicator ${indicatorId} exceeds its weight ${weight}`, { indicatorId, score, weight });

/** An office score may not exceed the indicator's 分值 (when it has one). */
export function requireScoreWithinWeight(indicatorId: string, score: string, weight: string | undefined): void {
  if (weight !== undefined && new Money(score).gt(weight)) throw scoreAboveWeight(indicatorId, score, weight);
}

export function decideSelfEvaluation(command: SelfEvaluationCommand, state: ProjectState): DomainEvent[] {
  const projectId = command.projectId ?? '';
  if (state.status === 'unregistered') throw unknownProject(projectId);
  if (command.fiscalYear !== undefined && command.fiscalYear !== state.fiscalYear) throw fiscalYearMismatch(projectId, state.fiscalYear, command.fiscalYear);
  const { id: _id, command: _name, recordedAt: _at, fiscalYear: _year, ...data } = command;
  switch (command.command) {
    case 'RecordIndicatorScore':
      if (command.indicatorId !== undefined) {
        if (!state.indicators.has(command.indicatorId)) throw unknownIndicator(command.indicatorId);
        requireScoreWithinWeight(command.indicatorId, command.score, state.indicatorWeights.get(command.indicatorId));
      }
      return [{ type: 'IndicatorScoreRecorded', data: { ...(data as object), fiscalYear: state.fiscalYear } as DomainEvent['data'] } as DomainEvent];
    case 'SetProjectText':
      return [{ type: 'ProjectTextSet', data } as DomainEvent];
    case 'RecordMonitoringAssessment':
      return monitoringAssessment(command, state, data);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled self-evaluation command ${JSON.stringify(unhandled)}`);
    }
  }
}

function monitoringAssessment(command: CommandOf<'RecordMonitoringAssessment'>, state: ProjectState, data: object): DomainEvent[] {
  if (Number(command.asOf.slice(0, 4)) !== state.fiscalYear) {
    throw new DomainError('DATE_OUTSIDE_FISCAL_YEAR', 'asOf', `监控日期 ${command.asOf} 不在预算年度 ${state.fiscalYear} 内`, `asOf ${command.asOf} is outside fiscal year ${state.fiscalYear}`, { asOf: command.asOf });
  }
  if (command.indicatorId !== undefined && !state.indicators.has(command.indicatorId)) throw unknownIndicator(command.indicatorId);
  if (command.indicatorId === undefined && command.forecast !== undefined) {
    // Without an indicator the forecast is the project's 全年预计执行数, an amount in 元.
    const problem = amountProblem(command.forecast, 'non-negative');
    if (problem) throw new DomainError('INVALID_FORECAST', 'forecast', `全年预计执行数：${problem}`, `forecast: ${problem}`, { forecast: command.forecast });
  }
  return [{ type: 'MonitoringAssessmentRecorded', data } as DomainEvent];
}
