import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Logger } from 'pino';
import { DomainError, NOT_FOUND_CODES } from '@bem/domain';
import { EventStoreError } from '@bem/event-store';
import type { ApiRuntime } from '../api-runtime';
import { API_LOGGER, API_RUNTIME } from '../tokens';
import type { HttpRequest, HttpResponse } from './http-types';
import { Problem, sendProblem } from './problems';

/** The domain's not-found codes, and those of the monitoring services. */
const NOT_FOUND = new Set([...NOT_FOUND_CODES, 'UNKNOWN_ALERT']);
/** Errors in what the request named (a query parameter), not a business rule. */
const BAD_INPUT = new Set(['UNKNOWN_PROFILE']);

/** better-sqlite3's SqliteError when the write lock stayed taken past busy_timeout. */
function isStoreBusy(error: unknown): boolean {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** SQLite's "database or disk is full", or the file system's own ENOSPC: nothing was written. */
export function isDiskFull(error: unknown): boolean {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || (typeof code === 'string' && code.startsWith('SQLITE_FULL'));
}

const slugOf = (code: string) => code.toLowerCase().replace(/_/g, '-');

/** The one exception filter: every failure becomes an application/problem+json document. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    @Inject(API_LOGGER) private readonly logger: Logger,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    sendProblem(response, this.toProblem(error, request));
  }

  private toProblem(error: unknown, request: HttpRequest): Problem {
    if (error instanceof Problem) return error;
    if (error instanceof DomainError) {
      const extras = { code: error.code, field: error.field, details: error.details };
      if (BAD_INPUT.has(error.code)) {
        return new Problem(400, slugOf(error.code), '输入无效 / invalid input', error.message, { ...extras, errors: [{ field: error.field, message: error.message }] });
      }
      return NOT_FOUND.has(error.code)
        ? new Problem(404, slugOf(error.code), '未找到 / not found', error.message, extras)
        : new Problem(409, slugOf(error.code), '业务规则不允许 / rejected by a business rule', error.message, extras);
    }
    if (error instanceof EventStoreError) {
      return new Problem(409, slugOf(error.code), '并发冲突 / concurrency conflict', error.message, { code: error.code });
    }
    if (isDiskFull(error)) {
      this.runtime.storeHealth.diskFullAt = Date.now();
      this.logger.error({ err: error, method: request.method, path: request.path }, 'store disk full');
      return new Problem(503, 'store-full', '存储空间已满 / store disk full', '账本所在磁盘已满，本次未写入任何记录；请释放空间后重试 / the store\'s disk is full: nothing was written; free space and retry');
    }
    if (isStoreBusy(error)) {
      // Another process holds the store's write lock longer than busy_timeout (e.g. `bem import` of a big file
      // appends in one transaction): nothing was written, the same request (Idempotency-Key) can be sent again.
      return new Problem(503, 'store-busy', '账本正忙 / store busy', '账本正被另一进程写入（如大批量导入），请稍后重试 / the store is being written by another process (e.g. a large import); retry shortly');
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const title = status === 404 ? '未找到 / not found' : error.name;
      return new Problem(status, `http-${status}`, title, `${request.method} ${request.path}: ${error.message}`);
    }
    this.logger.error({ err: error, method: request.method, path: request.path }, 'unhandled error');
    return new Problem(500, 'internal', '内部错误 / internal error', '服务器内部错误，已记录 / internal error, logged');
  }
}
