import { describe, expect, it } from 'vitest';
import { AssignProfile } from '../ledger/commands';
import { departmentRegistered } from '../testing/builders';
import { given } from '../testing/specification';

describe('department decider', () => {
  it('registers a department once', () => {
    given([]).when({ command: 'RegisterDepartment', departmentCode: 'd1', name: '测试局' }).then([departmentRegistered()]);
    given([departmentRegistered()])
      .when({ command: 'RegisterDepartment', departmentCode: 'd1', name: '测试局' })
      .thenThrows('DEPARTMENT_ALREADY_REGISTERED', 'departmentCode');
  });

  it('keeps department-wide indicators per fiscal year', () => {
    const set = { command: 'SetIndicator', departmentCode: 'd1', fiscalYear: 2022, indicatorId: 'i1', level1: '产出指标', level2: '数量指标', name: '参保人数', target: '>183690人' };
    given([]).when(set).thenThrows('UNKNOWN_DEPARTMENT', 'departmentCode');
    const indicatorSet = { type: 'IndicatorSet' as const, data: { departmentCode: 'd1', fiscalYear: 2022, indicatorId: 'i1', level1: '产出指标', level2: '数量指标', name: '参保人数', target: '>183690人' } };
    given([departmentRegistered()]).when(set).then([indicatorSet]);
    const actual = { command: 'RecordIndicatorActual', departmentCode: 'd1', fiscalYear: 2022, indicatorId: 'i1', occurredOn: '2022-12-31', value: '185164' };
    given([departmentRegistered()]).when(actual).thenThrows('UNKNOWN_INDICATOR', 'indicatorId');
    given([departmentRegistered(), indicatorSet]).when({ ...actual, fiscalYear: 2023, occurredOn: '2023-12-31' }).thenThrows('UNKNOWN_INDICATOR');
    given([departmentRegistered(), indicatorSet]).when({ ...actual, occurredOn: '2023-01-01' }).thenThrows('DATE_OUTSIDE_FISCAL_YEAR', 'occurredOn');
    given([departmentRegistered(), indicatorSet]).when(actual).then([
      { type: 'IndicatorActualRecorded', data: { departmentCode: 'd1', fiscalYear: 2022, indicatorId: 'i1', occurredOn: '2022-12-31', value: '185164' } },
    ]);
  });

  it('keeps a text as the 备注 of a 基础数据表 row when it names the row', () => {
    const remark = { command: 'SetDepartmentText', departmentCode: 'd1', fiscalYear: 2020, section: '备注', row: '公费医疗', text: '含子女统筹区内部政策' };
    given([]).when(remark).thenThrows('UNKNOWN_DEPARTMENT', 'departmentCode');
    given([departmentRegistered()]).when(remark).then([{ type: 'DepartmentTextSet', data: { departmentCode: 'd1', fiscalYear: 2020, section: '备注', row: '公费医疗', text: '含子女统筹区内部政策' } }]);
  });

  it('assigns the profiles a department-year is monitored and scored under', () => {
    const assign = { command: 'AssignProfile', departmentCode: 'd1', fiscalYear: 2020, monitoring: 'sichuan-2020' };
    given([]).when(assign).thenThrows('UNKNOWN_DEPARTMENT', 'departmentCode');
    given([departmentRegistered()]).when(assign).then([{ type: 'ProfileAssigned', data: { departmentCode: 'd1', fiscalYear: 2020, monitoring: 'sichuan-2020' } }]);
    const neither = AssignProfile.safeParse({ id: 'c1', command: 'AssignProfile', departmentCode: 'd1', fiscalYear: 2020 });
    expect(neither.success).toBe(false);
    expect(neither.error?.issues[0].path).toEqual(['monitoring']);
  });
});
