/**
 * The alert list the API answers (architecture §10: `{ total, alerts }`), as one set of types the server builds
 * (libs/monitoring alert-list.ts / alert-query.ts are typed by them) and the dashboard reads (`import type`).
 * `Rule` is the server's union of rule names; a reader may take it as a string.
 */
export type AlertStatus = 'open' | 'acknowledged' | 'disposed' | 'overdue' | 'resolved';
export type AlertSeverity = 'red' | 'yellow';
export type AlertDispositionChoice = '继续执行' | '调剂' | '取消';

/** One rule a card's subject breaks, with its figures (decimal strings) and sentence. */
export interface AlertFinding<Rule extends string = string> {
  rule: Rule;
  severity: AlertSeverity;
  figures: Record<string, string | null>;
  message: { zh: string; en: string };
}

export interface AlertAcknowledgement {
  alertId: string;
  actor: string;
  at: string;
}

export interface AlertDisposition {
  alertId: string;
  disposition: AlertDispositionChoice;
  actor: string;
  note: string;
  at: string;
}

/** One row of `bem alerts --json` (contract fields first). */
export interface AlertRow<Rule extends string = string> {
  id: string;
  rule: Rule;
  severity: AlertSeverity;
  projectId: string | null;
  checkpoint: string | null;
  raisedAt: string;
  figures: Record<string, string | null>;
  status: AlertStatus;
  /** Every rule the card's subject breaks (one for a real-time alert) */
  rules: AlertFinding<Rule>[];
  profile: string;
  message: { zh: string; en: string };
  responsible: string;
  deadline: string;
  acknowledged: AlertAcknowledgement | null;
  disposition: AlertDisposition | null;
}

export interface SuspendedProject {
  projectId: string;
  alertIds: string[];
}

export interface AlertList<Rule extends string = string> {
  departmentCode: string;
  fiscalYear: number;
  alerts: AlertRow<Rule>[];
  /** 暂停: projects with a red alert unanswered past its deadline */
  suspendedProjects: SuspendedProject[];
}

export interface AlertQueryRow<Rule extends string = string> extends AlertRow<Rule> {
  departmentCode: string;
  projectName: string | null;
}

export interface AlertGroup<Rule extends string = string> {
  projectId: string | null;
  projectName: string | null;
  departmentCode: string;
  total: number;
  red: number;
  alerts: AlertQueryRow<Rule>[];
}

/** One page of an alert list: `{ total, alerts }` (contract), the counts per status, groups when asked. */
export interface AlertPage<Rule extends string = string> {
  total: number;
  offset: number;
  limit: number;
  /** Matching alerts per status, the status filter aside (the inbox's tabs) */
  counts: Record<AlertStatus, number>;
  alerts: AlertQueryRow<Rule>[];
  /** groupBy=project: the number of projects matching and this page's projects */
  groupTotal?: number;
  groups?: AlertGroup<Rule>[];
  suspendedProjects: SuspendedProject[];
}

/** `GET /departments/{code}/alerts`: the page of one department (or of a region: `scope: 'region'`). */
export interface DepartmentAlertPage<Rule extends string = string> extends AlertPage<Rule> {
  departmentCode: string;
  fiscalYear: number;
  scope?: 'region';
}
