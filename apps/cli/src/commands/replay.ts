import { RegionIndex } from '@bem/regions';
import { EXIT, type CliIO } from '../io';
import type { Runtime } from '../runtime';

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await run();
  return [result, seconds(started)];
}

/** Rebuilds every projection kept from the log (the progress read model, the region index) and reports the pace. */
export async function replay(runtime: Runtime, options: { json?: boolean }, io: CliIO): Promise<number> {
  const started = process.hrtime.bigint();
  // Side by side: the region index reads while the progress replay waits for its worker threads.
  const [[events, progressSeconds], [, regionSeconds]] = await Promise.all([
    timed(() => runtime.progress.rebuild()),
    timed(() => new RegionIndex(runtime.store).catchUp()),
  ]);
  const total = seconds(started);
  const eventsPerSecond = total > 0 ? Math.round(events / total) : events;
  const summary = {
    events,
    /** Position of the log's last event: events of no interest to a projection (alerts, checkpoints) are skipped unread */
    logPosition: await runtime.store.headPosition(),
    seconds: Number(total.toFixed(3)),
    eventsPerSecond,
    projections: ['progress', 'region'],
    perProjection: { progress: Number(progressSeconds.toFixed(3)), region: Number(regionSeconds.toFixed(3)) },
  };
  io.stdout(
    options.json
      ? `${JSON.stringify(summary)}\n`
      : `重放完成 / replayed ${events} events in ${summary.seconds}s (${eventsPerSecond} events/s): progress ${summary.perProjection.progress}s, region ${summary.perProjection.region}s\n`,
  );
  return EXIT.ok;
}
