/** Responses of the dashboard's own read routes (apps/api/src/web), typed on the server by these and read by apps/web. */
export type Role = 'clerk' | 'manager' | 'auditor' | 'admin';

/** `GET /me` */
export interface Me {
  role: Role;
  departments: readonly string[] | '*';
  label: string | null;
  may: { read: boolean; write: boolean; handleAlerts: boolean };
  /** Fiscal years with projects in the token's scope, newest first, and the one the dashboard opens */
  years: number[];
  defaultYear: number;
}

export interface ProfileChoice {
  name: string;
  title: string;
}

/** `GET /profiles`: the 监控方案, the 评价方案 and the Chinese name of every alert rule. */
export interface ProfileList {
  default: string;
  profiles: (ProfileChoice & { checkpoints: string[] })[];
  evaluationProfiles: ProfileChoice[];
  ruleLabels: Record<string, string>;
}

/** `GET /departments/{code}/profiles?year`: the profiles a department-year is under. */
export interface ProfileAssignmentView {
  departmentCode: string;
  fiscalYear: number;
  /** false: no AssignProfile for the year, the office default holds */
  assigned: boolean;
  monitoring: ProfileChoice;
  evaluation: ProfileChoice;
}

/** `GET /projects/{id}/available`: what the payment decision will allow now (元 strings). */
export interface AvailableBudget {
  projectId: string;
  status: 'unregistered' | 'open' | 'closed';
  available: string;
  budget: string;
  paid: string;
  allocated: string;
  carried: string;
  cancelled: string;
}
