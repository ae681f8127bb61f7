import type Decimal from 'decimal.js';
import { DomainError } from '../shared/errors';
import { formatYuan } from '../shared/money';

export interface BalanceFigures {
  budget: Decimal;
  allocated: Decimal;
  paid: Decimal;
  carried: Decimal;
  cancelled: Decimal;
}

const figures = (f: BalanceFigures) => ({
  budget: formatYuan(f.budget),
  allocated: formatYuan(f.allocated),
  paid: formatYuan(f.paid),
  carried: formatYuan(f.carried),
  cancelled: formatYuan(f.cancelled),
});

/** An allocation above what the parent has not yet allocated, paid or disposed of. */
export const exceedsUnallocated = (projectId: string, unallocated: Decimal, requested: Decimal, f: BalanceFigures) =>
  new DomainError(
    'EXCEEDS_UNALLOCATED_BUDGET',
    'amount',
    `分解下达金额 ${formatYuan(requested)} 元超过项目 ${projectId} 未分配预算 ${formatYuan(unallocated)} 元（预算 ${formatYuan(f.budget)} − 已分配 ${formatYuan(f.allocated)} − 已支付 ${formatYuan(f.paid)}${f.carried.isZero() && f.cancelled.isZero() ? '' : ` − 已结转 ${formatYuan(f.carried)} − 已注销 ${formatYuan(f.cancelled)}`}）`,
    `allocation ${formatYuan(requested)} exceeds the unallocated ${formatYuan(unallocated)} of project ${projectId} (budget ${formatYuan(f.budget)} − allocated ${formatYuan(f.allocated)} − paid ${formatYuan(f.paid)}${f.carried.isZero() && f.cancelled.isZero() ? '' : ` − carried ${formatYuan(f.carried)} − cancelled ${formatYuan(f.cancelled)}`})`,
    { projectId, unallocated: formatYuan(unallocated), requested: formatYuan(requested), ...figures(f) },
  );

/** A carry-forward or cancellation above the open balance. */
export const exceedsBalance = (what: 'carry' | 'cancel', projectId: string, balance: Decimal, requested: Decimal, f: BalanceFigures) =>
  new DomainError(
    'EXCEEDS_BALANCE',
    'amount',
    `${what === 'carry' ? '结转' : '注销'}金额 ${formatYuan(requested)} 元超过项目 ${projectId} 的结余 ${formatYuan(balance)} 元`,
    `${what === 'carry' ? 'carry-forward' : 'cancellation'} ${formatYuan(requested)} exceeds the open balance ${formatYuan(balance)} of project ${projectId}`,
    { projectId, balance: formatYuan(balance), requested: formatYuan(requested), ...figures(f) },
  );

export const noBalance = (projectId: string) =>
  new DomainError('NO_BALANCE', 'amount', `项目 ${projectId} 已无结余`, `project ${projectId} has no open balance left`, { projectId });

export const notASubordinate = (toProjectId: string, toDepartment: string, fromDepartment: string, parentOfTo: string | null) =>
  new DomainError(
    'NOT_A_SUBORDINATE_DEPARTMENT',
    'toProjectId',
    `项目 ${toProjectId} 所属部门 ${toDepartment} 不是 ${fromDepartment} 的下级部门`,
    `project ${toProjectId} belongs to ${toDepartment}, which is not directly below ${fromDepartment}${parentOfTo ? ` (its parent is ${parentOfTo})` : ' (it has no parent)'}`,
    { toDepartment, fromDepartment, parentOfTo },
  );

export const sameProject = (field: string, projectId: string) =>
  new DomainError('SAME_PROJECT', field, `来源与去向不能是同一项目 ${projectId}`, `from and to are the same project ${projectId}`, { projectId });

export const programMismatch = (toProjectId: string, expected: string, actual: string | null) =>
  new DomainError(
    'PROGRAM_MISMATCH',
    'toProjectId',
    `项目 ${toProjectId} 不属于转移支付项目 ${expected}`,
    `project ${toProjectId} belongs to program ${actual ?? '(none)'}, not ${expected}`,
    { toProjectId, expected, actual },
  );

export const sourceRequired = (projectId: string, sources: string[]) =>
  new DomainError(
    'SOURCE_REQUIRED',
    'source',
    `项目 ${projectId} 有多个资金来源（${sources.join('、') || '无'}），须注明 source`,
    `project ${projectId} has ${sources.length ? `several fund sources (${sources.join(', ')})` : 'no issuance'}: give source`,
    { projectId, sources: sources.join(',') },
  );

export const carryoverYear = (toProjectId: string, expected: number, actual: number) =>
  new DomainError(
    'CARRYOVER_YEAR',
    'toProjectId',
    `结转去向项目 ${toProjectId} 须属于 ${expected} 年度（实为 ${actual}）`,
    `the carry-forward target ${toProjectId} must belong to fiscal year ${expected} (it is ${actual})`,
    { toProjectId, expected, actual },
  );

export const carryoverDepartment = (toProjectId: string, expected: string, actual: string) =>
  new DomainError(
    'CARRYOVER_OTHER_DEPARTMENT',
    'toProjectId',
    `结转去向项目 ${toProjectId} 须属于同一部门 ${expected}`,
    `the carry-forward target ${toProjectId} must belong to the same department ${expected} (it belongs to ${actual})`,
    { toProjectId, expected, actual },
  );

export const selfParent = (code: string) =>
  new DomainError('SELF_PARENT', 'parentCode', `部门 ${code} 不能是自己的上级`, `department ${code} cannot be its own parent`, { departmentCode: code });

/** A target travelling with an allocation names an indicator the receiving project already has (or twice). */
export const targetAlreadySet = (field: string, toProjectId: string, indicatorId: string, twice: boolean) =>
  new DomainError(
    twice ? 'DUPLICATE_TARGET' : 'INDICATOR_ALREADY_SET',
    field,
    twice
      ? `分解下达的绩效目标中指标编号 ${indicatorId} 重复（${field}）`
      : `接收方项目 ${toProjectId} 已设定绩效指标 ${indicatorId}，分解下达不能再次设定（${field}）`,
    twice
      ? `indicatorId ${indicatorId} appears twice among the allocation's targets (${field})`
      : `the receiving project ${toProjectId} already has indicator ${indicatorId}; an allocation cannot set it again (${field})`,
    { toProjectId, indicatorId },
  );

