import type { FieldIssue } from '@bem/domain';

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
