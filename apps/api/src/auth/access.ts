import { type Access, type Principal, may, roleAllows } from '@bem/auth';
import { type LedgerCommand, unknownProject } from '@bem/domain';
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

type DepartmentLookup = (projectId: string) => Promise<string | null>;

/** The department and project fields of a command: every one must lie in the writer's scope. */
const DEPARTMENT_FIELDS = ['departmentCode', 'parentCode'] as const;
const PROJECT_FIELDS = ['projectId', 'fromProjectId', 'toProjectId', 'counterpartProjectId'] as const;

/**
 * 403 unless the principal may write every department the command names or reaches: its own department, the
 * parent it hangs a department under, and the department of every project it names (a transfer's counterpart,
 * an allocation's or carry-forward's target). A project outside a scoped reader's departments answers exactly as
 * an unknown project (404), so a clerk learns nothing of other departments' projects. Projects registered
 * earlier in the same file count as known; an unknown project is left to the command handler (404).
 */
export async function requireCommandScope(
  principal: Principal,
  command: LedgerCommand,
  departmentOfProject: DepartmentLookup,
  registeredInBatch: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  requireRole(principal, 'write');
  const fields = command as unknown as Record<string, unknown>;
  for (const field of DEPARTMENT_FIELDS) {
    const code = fields[field];
    if (typeof code === 'string' && code) requireDepartment(principal, 'write', code);
  }
  for (const field of PROJECT_FIELDS) {
    const projectId = fields[field];
    if (typeof projectId !== 'string' || !projectId) continue;
    const department = registeredInBatch.get(projectId) ?? (await departmentOfProject(projectId));
    if (!department) continue;
    if (!may(principal, 'read', department)) throw unknownProject(projectId, field);
    requireDepartment(principal, 'write', department);
  }
}

/** A project the principal may read; one outside its scope answers exactly as an unknown one (404). */
export async function requireProjectRead(principal: Principal, projectId: string, departmentOfProject: DepartmentLookup): Promise<string> {
  requireRole(principal, 'read');
  const department = await departmentOfProject(projectId);
  if (!department || !may(principal, 'read', department)) throw unknownProject(projectId, 'id');
  return department;
}
