import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { HttpRequest, HttpResponse } from './http/http-types';

/**
 * Structured JSON logs. Request logs carry method, path (never the query string, which may hold a
 * dashboard `?token=`), status, duration and the token's role and label: never a token or a header.
 */
export function createLogger(level: string = process.env.BEM_LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { app: 'bem-api' },
    redact: { paths: ['authorization', 'headers.authorization', 'req.headers.authorization', 'token'], censor: '[redacted]' },
  });
}

export function requestLogging(logger: Logger) {
  return (request: HttpRequest, response: HttpResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      const principal = request.principal;
      logger.info(
        { method: request.method, path: request.path, status: response.statusCode, ms, role: principal?.role, tokenLabel: principal?.label ?? undefined },
        'request',
      );
    });
    next();
  };
}

/** Nest's own messages (startup, route map) through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
