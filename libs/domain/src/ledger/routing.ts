import { type DepartmentCommand, decideDepartment } from '../department/decide';
import { type DepartmentState, evolveDepartment, initialDepartmentState } from '../department/state';
import { type ProjectCommand, decideProject } from '../project/decide';
import { type ProjectState, evolveProject, initialProjectState } from '../project/state';
import type { LedgerCommand } from './commands';
import type { DomainEvent } from './events';

export const projectStream = (projectId: string) => `project-${projectId}`;
export const departmentStream = (code: string) => `department-${code}`;
export const monitoringStream = (code: string, fiscalYear: number) => `monitoring-${code}-${fiscalYear}`;

export type StreamState = ProjectState | DepartmentState;

/** Where a command's events go, and which other streams its decision reads (without guarding them). */
export interface CommandRoute {
  stream: string;
  lookups: { department?: string; counterpart?: string };
}

export function routeCommand(command: LedgerCommand): CommandRoute {
  switch (command.command) {
    case 'RegisterDepartment':
    case 'SetDepartmentText':
      return { stream: departmentStream(command.departmentCode), lookups: {} };
    case 'RegisterProject':
      return { stream: projectStream(command.projectId), lookups: { department: departmentStream(command.departmentCode) } };
    case 'SetIndicator':
    case 'RecordIndicatorActual':
      return command.projectId
        ? { stream: projectStream(command.projectId), lookups: {} }
        : { stream: departmentStream(command.departmentCode ?? ''), lookups: {} };
    case 'AdjustBudget':
      return {
        stream: projectStream(command.projectId),
        lookups: command.counterpartProjectId ? { counterpart: projectStream(command.counterpartProjectId) } : {},
      };
    default:
      return { stream: projectStream(command.projectId), lookups: {} };
  }
}

const isDepartmentStream = (stream: string) => stream.startsWith('department-');

export function initialStateFor(stream: string): StreamState {
  return isDepartmentStream(stream) ? initialDepartmentState() : initialProjectState();
}

export function evolveStream(stream: string, state: StreamState, event: DomainEvent): StreamState {
  return isDepartmentStream(stream)
    ? evolveDepartment(state as DepartmentState, event)
    : evolveProject(state as ProjectState, event);
}

/** Runs the decider that owns the command's stream. */
export function decideCommand(
  command: LedgerCommand,
  state: StreamState,
  lookups: { department?: StreamState; counterpart?: StreamState },
): DomainEvent[] {
  const route = routeCommand(command);
  if (isDepartmentStream(route.stream)) return decideDepartment(command as DepartmentCommand, state as DepartmentState);
  return decideProject(command as ProjectCommand, state as ProjectState, {
    department: lookups.department as DepartmentState | undefined,
    counterpart: lookups.counterpart as ProjectState | undefined,
  });
}
