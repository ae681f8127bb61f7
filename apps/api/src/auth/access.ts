import { type Access, type Principal, may, roleAllows } from '@bem/auth';
import type { LedgerCommand } from '@bem/domain';
import { forbidden } from '../http/problems';

const ACCESS_TEXT: Record<Access, string> = {
  read: '查看 read',
  write: '录入 write to',
  'handle-alerts': '处理预警 handle the alerts of',
};

/** 403 unless the role may do this kind of thing at all (checked before anything is parsed or looked up). */
export function requireRole(principal: Principal, access: Access): void {
  if (!roleAllows(principal.role, access)) {
    throw forbidden(`${principal.role} 角色不能${ACCESS_TEXT[access]} / role ${principal.role} may not ${access}`);
  }
}

/** 403 unless the principal may act on this department. */
export function requireDepartment(principal: Principal, access: Access, departmentCode: string): void {
  requireRole(principal, access);
  if (!may(principal, access, departmentCode)) {
    throw forbidden(`无权${ACCESS_TEXT[access]}部门 ${departmentCode} / may not ${access} department ${departmentCode}`, {
      departmentCode,
    });
  }
}

/**
 * The department a command acts on: its departmentCode, else its project's department (registered earlier
 * in the same batch, or found in the progress read model). Null when the project is unknown: the command
 * handler then answers 404 itself.
 */
export async function departmentOfCommand(
  command: LedgerCommand,
  departmentOfProject: (projectId: string) => Promise<string | null>,
  registeredInBatch: ReadonlyMap<string, string> = new Map(),
): Promise<string | null> {
  if ('departmentCode' in command && command.departmentCode && !('projectId' in command && command.projectId)) {
    return command.departmentCode;
  }
  if (command.command === 'RegisterProject') return command.departmentCode;
  // 分解下达 / 结转 act for the giving project's department (it writes the receiving stream too).
  const projectId = 'projectId' in command ? command.projectId : 'fromProjectId' in command ? command.fromProjectId : undefined;
  if (!projectId) return null;
  return registeredInBatch.get(projectId) ?? (await departmentOfProject(projectId));
}
