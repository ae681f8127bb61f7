#!/usr/bin/env node
import { storeSpecFromEnv } from '@bem/event-store';
import { createApp } from './create-app';
import { seedDemo } from './demo';
import { createLogger } from './logging';
import { startWorker } from '../../worker/src/start-worker';

/** `npm start`: the API on BEM_PORT (default 3000) over BEM_STORE (default ./data/bem.sqlite), with the jobs in-process. */
async function main(): Promise<void> {
  const logger = createLogger();
  const port = Number(process.env.BEM_PORT || 3000);
  const storeSpec = storeSpecFromEnv();
  const api = await createApp({ storeSpec, port, host: process.env.BEM_HOST, logger });
  const demoToken = await seedDemo(api.runtime);
  if (demoToken) {
    // Printed once on stdout for the person starting the demo; it never goes to the logs.
    process.stdout.write(
      `\n已导入演示账本 demo ledger imported (sc-ybj, 2020).\n演示管理员令牌 demo admin token (shown once):\n  ${demoToken}\n` +
        `  curl -H "Authorization: Bearer ${demoToken}" ${api.url}/api/v1/departments/sc-ybj/progress?year=2020\n` +
        `仪表盘 dashboard:\n  ${api.url}/?token=${demoToken}#/departments/sc-ybj?year=2020\n\n`,
    );
  }
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
