import { NOTE_EVENT_TYPES } from './monitoring-facts';
import { MONEY_EVENT_TYPES, type Movement, movementOfStored, parseStoredEvent, yuanOfFen } from '@bem/domain';

export type { Movement };

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

/** What a money event moves (null: the event moves no money): the domain's one mapping, of the parsed event. */
export function movementOf(type: string, data: unknown, position?: number): Movement | null {
  return movementOfStored({ type, data, position });
}

/**
 * Every event type the progress read model reads (catch-ups ask the store for these only): registrations, money,
 * and the indicators the checkpoint rules read (monitoring-facts.ts).
 */
export const PROGRESS_EVENT_TYPES: readonly string[] = ['DepartmentRegistered', 'ProjectRegistered', ...MONEY_EVENT_TYPES, ...NOTE_EVENT_TYPES];

/** Pure mapping from a stored event to what it changes in the progress read model (null: nothing). */
export function progressChangeOf(event: StoredEventLike): ProgressChange | null {
  switch (event.type) {
    case 'DepartmentRegistered':
    case 'ProjectRegistered': {
      const parsed = parseStoredEvent(event);
      if (parsed.type === 'DepartmentRegistered') return { kind: 'department', department: { code: parsed.data.departmentCode, name: parsed.data.name } };
      if (parsed.type !== 'ProjectRegistered') return null;
      const { projectId, departmentCode, fiscalYear, name, kind, basicClass } = parsed.data;
      return {
        kind: 'project',
        project: { projectId, departmentCode, fiscalYear, name, kind, basicClass, recordedAt: event.recordedAt },
      };
    }
    default: {
      const moved = movementOf(event.type, event.data, event.position);
      return moved && {
        kind: 'fact',
        fact: {
          position: event.position, recordedAt: event.recordedAt, projectId: moved.projectId, occurredOn: moved.occurredOn,
          budgetInitial: yuanOfFen(moved.budgetInitial), budgetCurrent: yuanOfFen(moved.budgetCurrent), arrived: yuanOfFen(moved.arrived), paid: yuanOfFen(moved.paid),
        },
      };
    }
  }
}
