import { raw } from 'body-parser';
import type { HttpRequest, HttpResponse } from './http-types';
import { Problem, sendProblem } from './problems';

/** A command is one ledger line: a megabyte is far more than any real one. */
export const COMMAND_MAX_BYTES = 1 << 20;
const DEFAULT_IMPORT_MAX_BYTES = 20 << 20;

/** BEM_IMPORT_MAX_BYTES (bytes), default 20 MB: the largest ledger file `POST /imports` accepts. */
export function importMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.BEM_IMPORT_MAX_BYTES);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_IMPORT_MAX_BYTES;
}

type Next = (error?: unknown) => void;
type Middleware = (request: HttpRequest, response: HttpResponse, next: Next) => void;
interface ParserError {
  status?: number;
  type?: string;
  limit?: number;
  message?: string;
}

function tooLarge(limit: number): Problem {
  const mb = (limit / (1 << 20)).toFixed(limit % (1 << 20) === 0 ? 0 : 2);
  return new Problem(413, 'payload-too-large', '请求体过大 / payload too large', `请求体超过 ${mb} MB 上限 / the body exceeds the ${mb} MB limit`, { limit });
}

function badEncoding(error: ParserError): Problem {
  return new Problem(
    400,
    'invalid-content-encoding',
    '内容编码无效 / invalid Content-Encoding',
    `请求体的 Content-Encoding 不受支持或已损坏（支持 gzip、deflate、br）/ the body's Content-Encoding is unsupported or corrupt (gzip, deflate, br are read): ${error.message ?? ''}`,
  );
}

/**
 * One raw parser for every body (JSON commands, JSONL / CSV text and XLSX bytes are read by the routes), with
 * the import route's larger limit. A parser failure is answered here as problem+json: it happens before Nest
 * routes the request, so the exception filter never sees it.
 */
export function bodyParsers(importLimit = importMaxBytes()): Middleware {
  const commands = raw({ type: () => true, limit: COMMAND_MAX_BYTES }) as unknown as Middleware;
  const imports = raw({ type: () => true, limit: importLimit }) as unknown as Middleware;
  return (request, response, next) => {
    const isImport = request.path === '/api/v1/imports' || request.path === '/api/v1/imports/';
    (isImport ? imports : commands)(request, response, (error?: unknown) => {
      if (!error) return next();
      const failure = error as ParserError;
      if (failure.type === 'entity.too.large' || failure.status === 413) return sendProblem(response, tooLarge(failure.limit ?? importLimit));
      if (failure.type?.startsWith('encoding.') || failure.status === 415 || /incorrect header check|unexpected end of file|invalid/i.test(failure.message ?? '')) {
        return sendProblem(response, badEncoding(failure));
      }
      if (failure.status && failure.status >= 400 && failure.status < 500) {
        return sendProblem(response, new Problem(400, 'invalid-body', '请求体无效 / invalid body', failure.message));
      }
      next(error);
    });
  };
}
