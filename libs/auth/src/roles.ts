/** 录入员 clerk · 负责人 manager · 审计 auditor · 管理员 admin */
export const ROLES = ['clerk', 'manager', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who a bearer token speaks for: a role and the departments it covers (`'*'` = every department). */
export interface Principal {
  role: Role;
  departments: readonly string[] | '*';
  label: string | null;
}

export type Access = 'read' | 'write' | 'handle-alerts';

/** The role may do this kind of thing at all, in some department. */
export function roleAllows(role: Role, access: Access): boolean {
  switch (access) {
    case 'read':
      return true;
    case 'write':
      return role === 'clerk' || role === 'admin';
    case 'handle-alerts':
      return role === 'manager' || role === 'admin';
  }
}

export const inScope = (principal: Principal, departmentCode: string): boolean =>
  principal.departments === '*' || principal.departments.includes(departmentCode);

/**
 * The rules of issue 4: a clerk writes and reads only their departments; a manager reads their scope and
 * handles its alerts; an auditor reads everything and writes nothing; an admin does everything.
 */
export function may(principal: Principal, access: Access, departmentCode: string): boolean {
  if (!roleAllows(principal.role, access)) return false;
  if (principal.role === 'admin' || (principal.role === 'auditor' && access === 'read')) return true;
  return inScope(principal, departmentCode);
}

/** Parses `a,b` or `*` into a department scope; null when empty. */
export function parseDepartments(text: string): readonly string[] | '*' | null {
  if (text.trim() === '*') return '*';
  const codes = text
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  return codes.length ? [...new Set(codes)] : null;
}
