import type { Principal } from '@bem/auth';

/** The parts of an Express request the API reads (no @types/express in this repo). */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  params: Record<string, string>;
  body: unknown;
  principal?: Principal;
}

export interface HttpResponse {
  statusCode: number;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  type(value: string): HttpResponse;
  send(body: unknown): void;
  on(event: 'finish', listener: () => void): void;
}

export const header = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
