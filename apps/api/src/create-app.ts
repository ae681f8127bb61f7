import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { type ApiRuntime, openApiRuntime } from './api-runtime';
import { ApiModule } from './app.module';
import { bodyParsers } from './http/body-limits';
import { securityHeaders } from './http/security-headers';
import { PinoNestLogger, createLogger, requestLogging } from './logging';

export interface CreateAppOptions {
  /** Event store: a sqlite path, `sqlite::memory:` or `memory`. */
  storeSpec: string;
  /** 0 for an ephemeral port (tests). */
  port: number;
  host?: string;
  logger?: Logger;
  /** Largest accepted import body in bytes (default BEM_IMPORT_MAX_BYTES, else 20 MB). */
  importMaxBytes?: number;
}

export interface RunningApi {
  app: INestApplication;
  runtime: ApiRuntime;
  port: number;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP API over the named store; resolves once it listens. */
export async function createApp(options: CreateAppOptions): Promise<RunningApi> {
  const runtime = await openApiRuntime(options.storeSpec);
  const logger = options.logger ?? createLogger();
  try {
    // The adapter is passed in, not left to NestFactory: NestFactory loads it with a dynamic import(),
    // which under tsx is the ESM copy of @nestjs/common beside the CommonJS copy every controller
    // requires, and the adapter's `instanceof StreamableFile` then fails for every download.
    const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(runtime, logger), new ExpressAdapter(), {
      bodyParser: false,
      logger: new PinoNestLogger(logger),
    });
    app.disable('x-powered-by');
    app.use(securityHeaders());
    app.use(requestLogging(logger));
    app.use(bodyParsers(options.importMaxBytes));
    await app.listen(options.port, options.host ?? '0.0.0.0');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const host = !options.host || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
    return {
      app,
      runtime,
      port,
      url: `http://${host}:${port}`,
      close: async () => {
        await app.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
