import { type DepartmentCommand, decideDepartment } from '../department/decide';
import { type DepartmentState, evolveDepartment, initialDepartmentState } from '../department/state';
import { type OverspendPolicy, type ProjectCommand, decideProject } from '../project/decide';
import { type ProjectState, evolveProject, initialProjectState } from '../project/state';
import { type TwoStreamCommand, type TwoStreamDecision, decideCancelBalance, decideTwoStreams, requireParentDepartment } from '../region/decide';
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
  /**
   * A second stream the command also writes (分解下达, 结转): its state is decided on with the first and both are
   * appended in one atomic appendMany, each at its expected revision. `department` names a lookup known only
   * once that stream is read (the receiving project's department); it fills `lookups.department`.
   */
  also?: { stream: string; department?: (state: StreamState) => string | undefined };
}

export function routeCommand(command: LedgerCommand): CommandRoute {
  switch (command.command) {
    case 'RegisterDepartment':
      return { stream: departmentStream(command.departmentCode), lookups: command.parentCode ? { department: departmentStream(command.parentCode) } : {} };
    case 'SetDepartmentText':
    case 'RecordManualScore':
    case 'RecordQualitativeAssessment':
    case 'RecordStatedFigure':
    case 'AssignProfile':
      return { stream: departmentStream(command.departmentCode), lookups: {} };
    case 'RegisterProject':
      return { stream: projectStream(command.projectId), lookups: { department: departmentStream(command.departmentCode) } };
    case 'SetIndicator':
    case 'RecordIndicatorActual':
    case 'RecordIndicatorScore':
      return command.projectId
        ? { stream: projectStream(command.projectId), lookups: {} }
        : { stream: departmentStream(command.departmentCode ?? ''), lookups: {} };
    case 'AdjustBudget':
      return {
        stream: projectStream(command.projectId),
        lookups: command.counterpartProjectId ? { counterpart: projectStream(command.counterpartProjectId) } : {},
      };
    case 'AllocateBudget':
      return {
        stream: projectStream(command.fromProjectId),
        lookups: {},
        also: {
          stream: projectStream(command.toProjectId),
          department: (state) => ((state as ProjectState).departmentCode ? departmentStream((state as ProjectState).departmentCode) : undefined),
        },
      };
    case 'CarryForward':
      return { stream: projectStream(command.fromProjectId), lookups: {}, also: { stream: projectStream(command.toProjectId) } };
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

/** Runs the decider that owns the command's stream (`route`: the command's, when the caller has it already). */
export function decideCommand(
  command: LedgerCommand,
  state: StreamState,
  lookups: { department?: StreamState; counterpart?: StreamState },
  policy: { overspendPolicy?: OverspendPolicy } = {},
  route: CommandRoute = routeCommand(command),
): DomainEvent[] {
  if (route.also) throw new Error(`${command.command} writes two streams: use decideTwoStreamCommand`);
  if (command.command === 'RegisterDepartment') requireParentDepartment(command, lookups.department as DepartmentState | undefined);
  if (command.command === 'CancelBalance') return decideCancelBalance(command, state as ProjectState);
  if (isDepartmentStream(route.stream)) return decideDepartment(command as DepartmentCommand, state as DepartmentState);
  return decideProject(command as ProjectCommand, state as ProjectState, {
    department: lookups.department as DepartmentState | undefined,
    counterpart: lookups.counterpart as ProjectState | undefined,
    overspendPolicy: policy.overspendPolicy,
  });
}

/** Runs the decider of a command whose route names a second written stream (`route.also`). */
export function decideTwoStreamCommand(
  command: LedgerCommand,
  state: StreamState,
  also: StreamState,
  lookups: { department?: StreamState },
): TwoStreamDecision {
  return decideTwoStreams(command as TwoStreamCommand, state as ProjectState, also as ProjectState, {
    department: lookups.department as DepartmentState | undefined,
  });
}
