import type { FieldIssue } from '@bem/domain';
import type { HttpResponse } from './http-types';

const RETRY_AFTER_SECONDS = 10;

/** Extra members of an RFC 9457 problem document. */
export type ProblemExtras = Record<string, unknown>;

/** An HTTP failure the API answers as application/problem+json; the filter renders it. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail ?? title);
  }
}

export const problemType = (slug: string) => `https://bem.example/problems/${slug}`;

export const invalidInput = (errors: readonly (FieldIssue & { line?: number })[], detail?: string) =>
  new Problem(400, 'invalid-input', '输入无效 / invalid input', detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    errors,
  });

export const unauthenticated = (detail: string) => new Problem(401, 'unauthenticated', '未认证 / not authenticated', detail);

export const forbidden = (detail: string, extras: ProblemExtras = {}) =>
  new Problem(403, 'forbidden', '无权限 / forbidden', detail, extras);

export const notImplementedYet = (what: string) =>
  new Problem(501, 'not-implemented', '尚未提供 / not implemented yet', `${what} 尚未提供 / ${what} is not available yet`);

/** Writes a problem as application/problem+json (the exception filter and the body parsers both answer so). */
export function sendProblem(response: HttpResponse, problem: Problem): void {
  const body = {
    type: problemType(problem.slug),
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...problem.extras,
  };
  if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
  if (problem.status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}
