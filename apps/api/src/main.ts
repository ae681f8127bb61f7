#!/usr/bin/env node
import { storeSpecFromEnv } from '@bem/event-store';
import { createApp } from './create-app';
import { seedDemo } from './demo';
import { announceDemoToken } from './demo-token';
import { createLogger } from './logging';
import { startWorker } from '@bem/jobs';

/** `npm start`: the API on BEM_PORT (default 3000) over BEM_STORE (default ./data/bem.sqlite), with the jobs in-process. */
async function main(): Promise<void> {
  const logger = createLogger();
  const port = Number(process.env.BEM_PORT || 3000);
  const storeSpec = storeSpecFromEnv();
  const api = await createApp({ storeSpec, port, host: process.env.BEM_HOST, logger });
  const demoToken = await seedDemo(api.runtime);
  // Never written to the logs; to stdout only when it is a terminal (see announceDemoToken).
  if (demoToken) announceDemoToken(demoToken, api.url);
  logger.info({ port: api.port, docs: `${api.url}/api/docs` }, 'api listening');
  // The embedded default runs the jobs in this process; BEM_WORKER=external leaves them to `npm run worker`.
  const worker =
    process.env.BEM_WORKER === 'external'
      ? null
      : await startWorker(api.runtime.store, api.runtime.progress, (message) => logger.info({ worker: true }, message));
  const stop = () => {
    Promise.resolve(worker?.stop())
      .then(() => api.close())
      .then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`启动失败 / failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
