/**
 * One api instance as its own OS process (what `npm start` runs, minus the demo seed and the in-process
 * worker): createApp over BEM_STORE on BEM_PORT, read model per BEM_READMODEL_STORE.
 * Prints one JSON line once listening: how many events its read model caught up at start, from which
 * checkpoint — what a restarted instance has to apply, and nothing more.
 */
import pino from 'pino';
import { createApp } from '../../../apps/api/src/create-app';

async function main(): Promise<void> {
  const storeSpec = process.env.BEM_STORE;
  if (!storeSpec) throw new Error('BEM_STORE is required');
  const api = await createApp({ storeSpec, port: Number(process.env.BEM_PORT ?? 0), host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  const checkpoint = api.runtime.readModel.model.position();
  const caughtUp = await api.runtime.progress.catchUp();
  process.stdout.write(
    `${JSON.stringify({ ready: true, port: api.port, checkpoint, caughtUp, position: api.runtime.readModel.model.position(), pid: process.pid })}\n`,
  );
  const stop = () => void api.close().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
