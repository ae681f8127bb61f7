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

const moves = (fact: Omit<ProgressFact, 'budgetInitial' | 'budgetCurrent' | 'arrived' | 'paid'>, amounts: Partial<ProgressFact>) =>
  ({ kind: 'fact', fact: { budgetInitial: '0', budgetCurrent: '0', arrived: '0', paid: '0', ...fact, ...amounts } }) as const;

/** Pure mapping from a stored event to what it changes in the progress read model (null: nothing). */
export function progressChangeOf(event: StoredEventLike): ProgressChange | null {
  const at = (data: { projectId: string; occurredOn: string }) => ({
    position: event.position,
    recordedAt: event.recordedAt,
    projectId: data.projectId,
    occurredOn: data.occurredOn,
  });
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
    case 'BudgetIssued': {
      const data = event.data as EventData<'BudgetIssued'>;
      const initial = data.basis === 'initial' || data.basis === 'carryover';
      return moves(at(data), { budgetCurrent: data.amount, budgetInitial: initial ? data.amount : '0' });
    }
    case 'BudgetAdjusted': {
      const data = event.data as EventData<'BudgetAdjusted'>;
      return moves(at(data), { budgetCurrent: data.delta });
    }
    case 'BudgetAllocated': {
      // 分解下达: the parent's budget goes down by what it passed to a child department, which receives it as an
      // issuance; summed over a region the pair nets to zero (no double counting). 结转/注销 restate nothing.
      const data = event.data as EventData<'BudgetAllocated'>;
      return moves(at(data), { budgetCurrent: `-${data.amount}` });
    }
    case 'FundsArrived': {
      const data = event.data as EventData<'FundsArrived'>;
      return moves(at(data), { arrived: data.amount });
    }
    case 'PaymentMade': {
      const data = event.data as EventData<'PaymentMade'>;
      return moves(at(data), { paid: data.amount });
    }
    case 'PaymentReversed': {
      const data = event.data as EventData<'PaymentReversed'>;
      return moves(at(data), { paid: `-${data.amount}` });
    }
    default:
      return null;
  }
}
