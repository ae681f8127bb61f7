import pino from 'pino';
import type { Role } from '@bem/auth';
import { type RunningApi, createApp } from '../../apps/api/src/create-app';

/** The real API, in-process on an ephemeral port, over a memory store (or the given one); logs silenced. */
export const startApi = (storeSpec = 'memory'): Promise<RunningApi> =>
  createApp({ storeSpec, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });

export const tokenFor = (api: RunningApi, role: Role, departments: string[] | '*') =>
  api.runtime.tokens.create({ role, departments, label: `${role}-test` });

export interface Reply {
  status: number;
  contentType: string;
  body: any;
}

/** fetch against the app, with a bearer token; JSON bodies are sent as JSON, strings and buffers raw. */
export async function call(
  api: RunningApi,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: RequestInit['body'];
  if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) body = options.body as RequestInit['body'];
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${api.url}${path}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType, body: contentType.includes('json') && text ? JSON.parse(text) : text };
}

/** A department with one project and a budget, through the API as admin. */
export async function seedDepartment(api: RunningApi, admin: string, code: string, budget = '1000000.00'): Promise<string> {
  const projectId = `${code}-2021-p1`;
  const commands = [
    { command: 'RegisterDepartment', id: `${code}-c1`, departmentCode: code, name: `部门 ${code}` },
    { command: 'RegisterProject', id: `${code}-c2`, projectId, departmentCode: code, fiscalYear: 2021, name: '业务工作经费', kind: 'project' },
    { command: 'IssueBudget', id: `${code}-c3`, projectId, occurredOn: '2021-01-10', amount: budget, source: 'own', basis: 'initial' },
  ];
  for (const body of commands) {
    const reply = await call(api, 'POST', '/api/v1/commands', { token: admin, body });
    if (reply.status !== 201) throw new Error(`seed failed: ${JSON.stringify(reply.body)}`);
  }
  return projectId;
}
