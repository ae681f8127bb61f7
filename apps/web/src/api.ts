/** The API client: bearer token from the session, JSON in and out, problem+json turned into ApiError. */
export interface FieldError {
  field: string;
  message: string;
  line?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[],
    readonly body: Record<string, unknown>,
  ) {
    super(detail || title);
  }
}

const TOKEN_KEY = 'bem.token';
export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** `/?token=…` signs in: the token goes to sessionStorage and leaves the address bar. */
export function takeTokenFromAddress(): void {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  if (!token) return;
  session.set(token);
  params.delete('token');
  const search = params.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}

let onUnauthenticated: () => void = () => undefined;
export const whenUnauthenticated = (handler: () => void) => {
  onUnauthenticated = handler;
};

export async function request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
  const token = session.token;
  if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer) init.body = body as BodyInit;
    else {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
  }
  const response = await fetch(`/api/v1${path}`, init);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const parsed = type.includes('json') && text ? JSON.parse(text) : text;
  if (!response.ok) {
    const problem = (typeof parsed === 'object' && parsed) || {};
    const errors: FieldError[] = Array.isArray(problem.errors)
      ? problem.errors
      : problem.field
        ? [{ field: problem.field, message: problem.detail ?? problem.title }]
        : [];
    const error = new ApiError(response.status, problem.title ?? `HTTP ${response.status}`, problem.detail ?? String(text).slice(0, 300), errors, problem);
    if (response.status === 401) onUnauthenticated();
    throw error;
  }
  return parsed as T;
}

export const get = <T = any>(path: string) => request<T>('GET', path);
export const post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body, headers);

/** Query string of the defined values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ——— response shapes ———
// The server's own types (libs/contracts): what apps/api builds is what the dashboard reads.
export type { AlertList, AlertPage, AlertQueryRow, AlertRow, AvailableBudget, DepartmentAlertPage, Me, ProfileAssignmentView, ProfileList } from '@bem/contracts';
// Shapes below are still written here (the progress and checkpoint documents): the parts the dashboard reads.
export interface Figures {
  budgetInitial: string;
  budgetCurrent: string;
  arrived: string;
  paid: string;
  balance: string;
  executionRate: string | null;
  arrivalRate: string | null;
}

export interface ProjectRow extends Figures {
  projectId: string;
  name: string;
  kind: 'basic' | 'project';
}

export interface DepartmentProgress extends Figures {
  asOf: string;
  knownAt: string | null;
  department: { code: string; name: string };
  fiscalYear: number;
  projects: ProjectRow[];
}

export interface ProjectProgress extends Figures {
  asOf: string;
  knownAt: string | null;
  department: { code: string; name: string };
  fiscalYear: number;
  projectId: string;
  name: string;
  kind: 'basic' | 'project';
}

export interface CheckpointFigures {
  date: string;
  budget: string;
  paid: string;
  progress: string | null;
  target: string;
  alertLine: string;
  status: 'green' | 'yellow' | 'red' | null;
  score: string | null;
  weight: string;
  label?: string;
}

export interface DepartmentListRow extends Figures {
  code: string;
  name: string;
  projects: number;
  checkpoint: (CheckpointFigures & { label: string }) | null;
  /** the 监控方案 the checkpoint is under (the department-year's own unless the view names one) */
  profile: { name: string; title: string };
}

export interface DepartmentList {
  year: number;
  years: number[];
  asOf: string;
  knownAt: string | null;
  profile: { name: string; title: string };
  elapsed: string;
  departments: DepartmentListRow[];
}

export interface CurvePoint {
  month: number;
  date: string;
  budgetCurrent: string;
  paid: string;
  arrived: string;
  executionRate: string | null;
  arrivalRate: string | null;
}

export interface Curve {
  departmentCode: string;
  projectId?: string;
  fiscalYear: number;
  asOf: string;
  knownAt: string | null;
  points: CurvePoint[];
  profile: { name: string; title: string; elapsedMode: string };
  elapsed: { month: number; date: string; percent: string }[];
  /** 序时进度 at the view's date, computed by the server */
  elapsedAsOf: string;
  checkpoints: { date: string; label: string; target: string; alertLine: string; weight: string }[];
}

export interface CheckpointReport {
  profile: string;
  profileTitle?: string;
  checkpoints: (CheckpointFigures & { label: string; restatement: unknown })[];
  projects: (CheckpointFigures & { projectId: string; name: string; label: string })[];
  totalScore: string;
  upcoming: string[];
}

export interface StoredEvent {
  id: string;
  type: string;
  revision: number;
  position: number;
  recordedAt: string;
  data: Record<string, any>;
  metadata: { actor?: string; source?: string; correlationId?: string } | null;
}

/** The four amounts and the rates of a department or a subtree (the region rollup). */
export interface RegionUnit extends Figures {
  code: string;
  name: string;
  level: string | null;
  parentCode: string | null;
  /** 0 = the region's root */
  depth: number;
  /** the unit itself plus every unit below it */
  region: Figures;
}

/** `GET /departments/{code}/progress?scope=region`: totals = the sum of the units' own figures; units root first, depth-first. */
export interface RegionProgress extends Figures {
  scope: 'region';
  asOf: string;
  knownAt: string | null;
  department: { code: string; name: string };
  fiscalYear: number;
  projects: (ProjectRow & { departmentCode: string })[];
  units: RegionUnit[];
}

