import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Controller, Get, Inject, type OnModuleInit, Param, Res } from '@nestjs/common';
import type { Logger } from 'pino';
import { WEB_DIST, ensureWebBuilt } from '@bem/web-bundle';
import { Public } from '../auth/bearer-auth.guard';
import type { HttpResponse } from '../http/http-types';
import { Problem } from '../http/problems';
import { API_LOGGER } from '../tokens';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const ASSET = /^[\w.-]+$/;

/**
 * The dashboard (apps/web): `/` is its page, `/app/<file>` its hashed assets. The bundle is (re)built with esbuild
 * when the api starts and apps/web/dist is missing or older than its sources (BEM_WEB_BUILD=never skips that).
 */
@Controller()
export class WebController implements OnModuleInit {
  constructor(@Inject(API_LOGGER) private readonly logger: Logger) {}

  async onModuleInit(): Promise<void> {
    if (process.env.BEM_WEB_BUILD === 'never') return;
    try {
      const built = await ensureWebBuilt();
      if (built) this.logger.info({ files: built.files.length, ms: built.ms }, 'web dashboard built');
    } catch (error) {
      // The API works without its dashboard: say so, and serve the API.
      this.logger.error({ err: error }, 'web dashboard build failed');
    }
  }

  @Public()
  @Get()
  index(@Res() response: HttpResponse): void {
    const file = join(WEB_DIST, 'index.html');
    if (!existsSync(file)) throw new Problem(503, 'dashboard-not-built', '界面未构建 / dashboard not built', '运行 npm run build:web / run npm run build:web');
    response.setHeader('Cache-Control', 'no-cache');
    // The page may carry ?token= in its address: never send it on to other sites.
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.type(TYPES['.html']).send(readFileSync(file));
  }

  @Public()
  @Get('app/:file')
  asset(@Param('file') name: string, @Res() response: HttpResponse): void {
    const file = join(WEB_DIST, name);
    if (!ASSET.test(name) || name.startsWith('.') || name.endsWith('.map') || !existsSync(file)) {
      throw new Problem(404, 'not-found', '未找到 / not found', `/app/${name}`);
    }
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.type(TYPES[extname(name)] ?? 'application/octet-stream').send(readFileSync(file));
  }
}
