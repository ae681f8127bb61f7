import { Controller, Get, Inject, Res } from '@nestjs/common';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { ApiRuntime } from '../api-runtime';
import { Public } from '../auth/bearer-auth.guard';
import type { HttpResponse } from '../http/http-types';
import { API_LOGGER, API_RUNTIME } from '../tokens';

type Check = 'ok' | 'error' | 'not configured' | 'full';

/** How long after a write failed for a full disk /health keeps saying degraded (a later success does not tell us). */
const DISK_FULL_MEMORY_MS = 60_000;

/** `GET /health` (no token): 200 when the store (and Redis, if configured) answer, 503 otherwise. */
@Controller()
export class HealthController {
  constructor(
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
    @Inject(API_LOGGER) private readonly logger: Logger,
  ) {}

  @Public()
  @Get('health')
  async health(@Res({ passthrough: true }) response: HttpResponse) {
    const [reachable, redis] = await Promise.all([this.checkStore(), this.checkRedis(process.env.BEM_REDIS_URL)]);
    const { diskFullAt } = this.runtime.storeHealth;
    const full = diskFullAt !== null && Date.now() - diskFullAt < DISK_FULL_MEMORY_MS;
    const store: Check = reachable === 'ok' && full ? 'full' : reachable;
    const ok = store === 'ok' && redis !== 'error';
    response.status(ok ? 200 : 503);
    // degraded: the store answers reads but refuses writes (disk full); error: something does not answer.
    return { status: ok ? 'ok' : store === 'full' ? 'degraded' : 'error', store, redis };
  }

  private async checkStore(): Promise<Check> {
    try {
      await this.runtime.store.headPosition();
      return 'ok';
    } catch (error) {
      this.logger.warn({ err: error }, 'health: store check failed');
      return 'error';
    }
  }

  private async checkRedis(url: string | undefined): Promise<Check> {
    if (!url) return 'not configured';
    const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG' ? 'ok' : 'error';
    } catch (error) {
      // The URL may carry a password: log the failure, never the URL.
      this.logger.warn({ reason: (error as Error).message }, 'health: redis check failed');
      return 'error';
    } finally {
      client.disconnect();
    }
  }
}
