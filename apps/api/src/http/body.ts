import { invalidInput } from './problems';

/** Bodies arrive raw (one parser for JSON, CSV and XLSX uploads): the bytes, or an empty buffer. */
export function rawBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.alloc(0);
}

/** The request body parsed as JSON; 400 naming "(json)" when it is not. An empty body is `{}` when allowed. */
export function jsonBody(body: unknown, allowEmpty = false): unknown {
  const text = rawBody(body).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    if (allowEmpty) return {};
    throw invalidInput([{ field: '(body)', message: '请求体为空 / empty body: send one ledger command as JSON' }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidInput([{ field: '(json)', message: `不是有效的 JSON / invalid JSON: ${(error as Error).message}` }]);
  }
}
