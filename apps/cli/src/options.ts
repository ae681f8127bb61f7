import { ALERT_STATUSES, type AlertQuery } from '@bem/monitoring';
import { isCalendarDate } from '@bem/domain';
import { UsageError } from './io';

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError(`--year 须为四位年份 / --year must be a year like 2020 (got "${value}")`);
  return Number(value);
}

export function parseDate(value: string): string {
  if (!isCalendarDate(value)) throw new UsageError(`--as-of 须为有效日期 YYYY-MM-DD / --as-of must be a real date YYYY-MM-DD (got "${value}")`);
  return value;
}

export function parseInstant(value: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw new UsageError(`--known-at 须为 ISO 时间 / --known-at must be an ISO 8601 instant (got "${value}")`);
  }
  // A bare date means the end of that day in China.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999+08:00`).toISOString() : new Date(time).toISOString();
}

export const parseCount = (flag: string) => (value: string): number => {
  if (!/^\d{1,7}$/.test(value)) throw new UsageError(`${flag} 须为非负整数 / ${flag} must be a non-negative integer (got "${value}")`);
  return Number(value);
};

const list = (value: unknown): string[] | undefined => (typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : undefined);

/** The alert list filters of `bem alerts` (the same as the API's query). */
export function alertQueryOf(options: Record<string, unknown>): AlertQuery {
  const status = list(options.status);
  const unknown = status?.find((value) => !(ALERT_STATUSES as readonly string[]).includes(value));
  if (unknown) throw new UsageError(`--status 须为 ${ALERT_STATUSES.join(' / ')} / --status must be one of ${ALERT_STATUSES.join(', ')} (got "${unknown}")`);
  return {
    limit: options.limit as number | undefined,
    offset: options.offset as number | undefined,
    status: status as AlertQuery['status'],
    rule: list(options.rule),
    severity: list(options.severity),
    projectId: options.project as string | undefined,
    q: options.q as string | undefined,
  };
}
