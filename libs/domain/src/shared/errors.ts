/**
 * A business rule said no. `field` names the command field at fault; `message` is Chinese / English;
 * `details` carries the figures behind the refusal (e.g. available vs requested).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly field: string,
    readonly zh: string,
    readonly en: string,
    readonly details: Record<string, string | number | null> = {},
  ) {
    super(`${zh} / ${en}`);
    this.name = 'DomainError';
  }
}

/** Errors that mean "the thing you name does not exist" (HTTP 404). */
export const NOT_FOUND_CODES = new Set(['UNKNOWN_DEPARTMENT', 'UNKNOWN_PROJECT', 'UNKNOWN_PAYMENT', 'UNKNOWN_INDICATOR']);

export const unknownDepartment = (code: string, field = 'departmentCode') =>
  new DomainError('UNKNOWN_DEPARTMENT', field, `部门 ${code} 未登记`, `department ${code} is not registered`, { departmentCode: code });

export const unknownProject = (projectId: string, field = 'projectId') =>
  new DomainError('UNKNOWN_PROJECT', field, `项目 ${projectId} 未登记`, `project ${projectId} is not registered`, { projectId });

export const dateOutsideFiscalYear = (date: string, fiscalYear: number, field = 'occurredOn') =>
  new DomainError(
    'DATE_OUTSIDE_FISCAL_YEAR',
    field,
    `日期 ${date} 不在 ${fiscalYear} 预算年度内`,
    `date ${date} is outside fiscal year ${fiscalYear}`,
    { date, fiscalYear },
  );

export const fiscalYearMismatch = (projectId: string, projectYear: number, given: number, field = 'fiscalYear') =>
  new DomainError(
    'FISCAL_YEAR_MISMATCH',
    field,
    `项目 ${projectId} 属于 ${projectYear} 年度，不是 ${given} 年度`,
    `project ${projectId} belongs to fiscal year ${projectYear}, not ${given}`,
    { projectId, projectYear, given },
  );
