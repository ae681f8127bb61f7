import type { CommandOf } from '../ledger/commands';
import type { DomainEvent } from '../ledger/events';
import { DomainError, dateOutsideFiscalYear, unknownDepartment } from '../shared/errors';
import { yearOf } from '../shared/dates';
import { unknownIndicator } from '../project/errors';
import { type DepartmentState, departmentIndicatorKey } from './state';
import { requireScoreWithinWeight } from '../self-evaluation/decide';

export type DepartmentCommand =
  | CommandOf<'RegisterDepartment'>
  | CommandOf<'SetIndicator'>
  | CommandOf<'RecordIndicatorActual'>
  | CommandOf<'SetDepartmentText'>
  | CommandOf<'RecordManualScore'>
  | CommandOf<'RecordQualitativeAssessment'>
  | CommandOf<'RecordStatedFigure'>
  | CommandOf<'RecordIndicatorScore'>
  | CommandOf<'AssignProfile'>;

export function decideDepartment(command: DepartmentCommand, state: DepartmentState): DomainEvent[] {
  switch (command.command) {
    case 'RegisterDepartment':
      return registerDepartment(command, state);
    case 'SetIndicator':
      requireRegistered(state, command.departmentCode ?? '');
      return [{ type: 'IndicatorSet', data: withoutEnvelope(command) }];
    case 'RecordIndicatorActual':
      return recordActual(command, state);
    case 'SetDepartmentText':
      requireRegistered(state, command.departmentCode);
      return [{ type: 'DepartmentTextSet', data: withoutEnvelope(command) }];
    case 'RecordManualScore':
      requireRegistered(state, command.departmentCode);
      return [{ type: 'ManualScoreRecorded', data: withoutEnvelope(command) }];
    case 'RecordQualitativeAssessment':
      requireRegistered(state, command.departmentCode);
      requireWithinBand(command);
      return [{ type: 'QualitativeAssessmentRecorded', data: withoutEnvelope(command) }];
    case 'RecordIndicatorScore': {
      requireRegistered(state, command.departmentCode ?? '');
      if (command.indicatorId !== undefined) {
        const key = departmentIndicatorKey(command.fiscalYear ?? 0, command.indicatorId);
        if (!state.indicators.has(key)) throw unknownIndicator(command.indicatorId);
        requireScoreWithinWeight(command.indicatorId, command.score, state.indicatorWeights.get(key));
      }
      return [{ type: 'IndicatorScoreRecorded', data: withoutEnvelope(command) }];
    }
    case 'RecordStatedFigure':
      requireRegistered(state, command.departmentCode);
      if (!command.figure === !command.sumOf) throw new DomainError('STATED_FIGURE_REFERENCE', 'figure', '须给出 figure 或 sumOf 之一', 'give exactly one of figure or sumOf');
      return [{ type: 'StatedFigureRecorded', data: withoutEnvelope(command) }];
    case 'AssignProfile':
      requireRegistered(state, command.departmentCode);
      return [{ type: 'ProfileAssigned', data: withoutEnvelope(command) }];
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled department command ${JSON.stringify(unhandled)}`);
    }
  }
}

function registerDepartment(command: CommandOf<'RegisterDepartment'>, state: DepartmentState): DomainEvent[] {
  if (state.status === 'registered') {
    throw new DomainError(
      'DEPARTMENT_ALREADY_REGISTERED',
      'departmentCode',
      `部门 ${command.departmentCode} 已登记`,
      `department ${command.departmentCode} is already registered`,
      { departmentCode: command.departmentCode },
    );
  }
  return [{ type: 'DepartmentRegistered', data: withoutEnvelope(command) }];
}

function recordActual(command: CommandOf<'RecordIndicatorActual'>, state: DepartmentState): DomainEvent[] {
  requireRegistered(state, command.departmentCode ?? '');
  const fiscalYear = command.fiscalYear ?? 0;
  if (!state.indicators.has(departmentIndicatorKey(fiscalYear, command.indicatorId))) throw unknownIndicator(command.indicatorId);
  if (yearOf(command.occurredOn) !== fiscalYear) throw dateOutsideFiscalYear(command.occurredOn, fiscalYear);
  return [{ type: 'IndicatorActualRecorded', data: withoutEnvelope(command) }];
}

/** 达成 80–100%, 部分达成 60–80%, 未达成 0–60% of the weight. */
export const QUALITATIVE_BANDS = { 达成: ['80', '100'], 部分达成: ['60', '80'], 未达成: ['0', '60'] } as const;

function requireWithinBand(command: CommandOf<'RecordQualitativeAssessment'>): void {
  if (command.percent === undefined) return;
  const [low, high] = QUALITATIVE_BANDS[command.level];
  const value = Number(command.percent);
  if (value < Number(low) || value > Number(high)) {
    throw new DomainError('PERCENT_OUTSIDE_BAND', 'percent', `${command.level} 的得分比例须在 ${low}–${high}% 之间`, `percent for ${command.level} must be within ${low}–${high}`, { percent: command.percent });
  }
}

function requireRegistered(state: DepartmentState, code: string): void {
  if (state.status !== 'registered') throw unknownDepartment(code);
}

/** The event payload is the command less its envelope (id, command name, recordedAt). */
export function withoutEnvelope<T extends { id: string; command: string; recordedAt?: string }>(
  command: T,
): Omit<T, 'id' | 'command' | 'recordedAt'> {
  return copyWithout(command, false) as Omit<T, 'id' | 'command' | 'recordedAt'>;
}

/**
 * A copy of a command without its envelope (id, command, recordedAt; and fiscalYear when asked), keys in the same
 * order: one loop instead of object rest spreads (run once per imported command).
 */
export function copyWithout(command: object, fiscalYear: boolean): Record<string, unknown> {
  const source = command as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  for (const key in source) {
    if (key === 'id' || key === 'command' || key === 'recordedAt' || (fiscalYear && key === 'fiscalYear')) continue;
    data[key] = source[key];
  }
  return data;
}
