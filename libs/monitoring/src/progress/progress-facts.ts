import type { EventData } from '@bem/domain';

/** What the progress projection keeps of the log: who is who, and dated money movements. */
export interface DepartmentInfo {
  code: string;
  name: string;
}

export interface ProjectInfo {
  projectId: string;
  departmentCode: string;
  fiscalYear: number;
  name: string;
  kind: 'basic' | 'project';
  basicClass?: 'personnel' | 'public';
  /** When the registration was recorded: a project registered after `knownAt` is not listed. */
  recordedAt: string;
}

/** One money movement: signed 元 decimal strings per measure ("0" where it does not move). */
export interface ProgressFact {
  position: number;
  projectId: string;
  occurredOn: string;
  recordedAt: string;
  budgetInitial: string;
  budgetCurrent: string;
  arrived: string;
  paid: string;
}

export type ProgressChange =
  | { kind: 'department'; department: DepartmentInfo }
  | { kind: 'project'; project: ProjectInfo }
  | { kind: 'fact'; fact: ProgressFact };

/** The slice of a stored event the projection reads. */
export interface StoredEventLike {
  type: string;
  position: number;
  recordedAt: string;
  data: unknown;
}

/** What a money event moves: signed 元 decimal strings per measure ("0" where it does not move). */
export interface Movement {
  projectId: string;
  occurredOn: string;
  budgetInitial: string;
  budgetCurrent: string;
  arrived: string;
  paid: string;
}

const movement = (data: { projectId: string; occurredOn: string }, budgetInitial: string, budgetCurrent: string, arrived: string, paid: string): Movement => ({
  projectId: data.projectId,
  occurredOn: data.occurredOn,
  budgetInitial,
  budgetCurrent,
  arrived,
  paid,
});

/** The one mapping of money events to the progress measures, by event type. */
const MOVEMENTS = new Map<string, (data: never) => Movement>(Object.entries({
  BudgetIssued: (issued: EventData<'BudgetIssued'>) => {
    const initial = issued.basis === 'initial' || issued.basis === 'carryover';
    return movement(issued, initial ? issued.amount : '0', issued.amount, '0', '0');
  },
  BudgetAdjusted: (adjusted: EventData<'BudgetAdjusted'>) => movement(adjusted, '0', adjusted.delta, '0', '0'),
  // 分解下达: the parent's budget goes down by what it passed to a child department, which receives it as an
  // issuance; summed over a region the pair nets to zero (no double counting). 结转/注销 restate nothing.
  BudgetAllocated: (allocated: EventData<'BudgetAllocated'>) => movement(allocated, '0', `-${allocated.amount}`, '0', '0'),
  FundsArrived: (arrived: EventData<'FundsArrived'>) => movement(arrived, '0', '0', arrived.amount, '0'),
  PaymentMade: (payment: EventData<'PaymentMade'>) => movement(payment, '0', '0', '0', payment.amount),
  PaymentReversed: (reversal: EventData<'PaymentReversed'>) => movement(reversal, '0', '0', '0', `-${reversal.amount}`),
}));

/** What a money event moves (null: the event moves no money). */
export function movementOf(type: string, data: unknown): Movement | null {
  const move = MOVEMENTS.get(type) as ((data: unknown) => Movement) | undefined;
  return move ? move(data) : null;
}

/** Every event type the progress read model reads (catch-ups ask the store for these only): registrations and money. */
export const PROGRESS_EVENT_TYPES: readonly string[] = ['DepartmentRegistered', 'ProjectRegistered', ...MOVEMENTS.keys()];

/** Pure mapping from a stored event to what it changes in the progress read model (null: nothing). */
export function progressChangeOf(event: StoredEventLike): ProgressChange | null {
  switch (event.type) {
    case 'DepartmentRegistered': {
      const data = event.data as EventData<'DepartmentRegistered'>;
      return { kind: 'department', department: { code: data.departmentCode, name: data.name } };
    }
    case 'ProjectRegistered': {
      const data = event.data as EventData<'ProjectRegistered'>;
      const { projectId, departmentCode, fiscalYear, name, kind, basicClass } = data;
      return {
        kind: 'project',
        project: { projectId, departmentCode, fiscalYear, name, kind, basicClass, recordedAt: event.recordedAt },
      };
    }
    default: {
      const moved = movementOf(event.type, event.data);
      return moved && { kind: 'fact', fact: { position: event.position, recordedAt: event.recordedAt, ...moved } };
    }
  }
}
