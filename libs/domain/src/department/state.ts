import { Map as ImmutableMap, Set as ImmutableSet } from 'immutable';
import type { DomainEvent } from '../ledger/events';

export interface DepartmentState {
  readonly status: 'unregistered' | 'registered';
  readonly departmentCode: string;
  readonly name: string;
  /** The level above (province -> city -> county), when registered with one. */
  readonly parentCode?: string;
  /** Department-wide (部门整体) indicators, keyed `${fiscalYear}/${indicatorId}`. */
  readonly indicators: ImmutableSet<string>;
  /** 分值 of those that carry one, same keys */
  readonly indicatorWeights: ImmutableMap<string, string>;
}

export const initialDepartmentState = (): DepartmentState => ({
  status: 'unregistered',
  departmentCode: '',
  name: '',
  indicators: ImmutableSet(),
  indicatorWeights: ImmutableMap(),
});

export const departmentIndicatorKey = (fiscalYear: number, indicatorId: string) => `${fiscalYear}/${indicatorId}`;

export function evolveDepartment(state: DepartmentState, event: DomainEvent): DepartmentState {
  switch (event.type) {
    case 'DepartmentRegistered':
      return { ...state, status: 'registered', departmentCode: event.data.departmentCode, name: event.data.name, parentCode: event.data.parentCode };
    case 'IndicatorSet':
      if (event.data.fiscalYear === undefined) return state;
      {
        const key = departmentIndicatorKey(event.data.fiscalYear, event.data.indicatorId);
        return {
          ...state,
          indicators: state.indicators.add(key),
          indicatorWeights: event.data.weight ? state.indicatorWeights.set(key, event.data.weight) : state.indicatorWeights.delete(key),
        };
      }
    default:
      return state;
  }
}
