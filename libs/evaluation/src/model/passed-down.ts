import { Money, parseStoredEvent } from '@bem/domain';
import type { RecordedEvent } from '@bem/event-store';

/**
 * A 转移支付 project the department passed down whole (分解下达 of everything, nothing kept, nothing paid) is no
 * expenditure of the department: its figures are the program table's (`bem program`), not those of the 部门整体
 * report or the department's 监控表.
 */
export function passedDownWhole(events: readonly RecordedEvent[], listed: { budgetCurrent: string; paid: string }): boolean {
  const registered = events.find((event) => event.type === 'ProjectRegistered');
  const registration = registered ? parseStoredEvent(registered) : null;
  if (registration?.type !== 'ProjectRegistered' || !registration.data.programCode) return false;
  return events.some((event) => event.type === 'BudgetAllocated') && new Money(listed.budgetCurrent).isZero() && new Money(listed.paid).isZero();
}
