import { EXIT, type CliIO } from '../io';
import type { Runtime } from '../runtime';

/** Rebuilds every projection from the first event and reports the pace. */
export async function replay(runtime: Runtime, options: { json?: boolean }, io: CliIO): Promise<number> {
  const started = process.hrtime.bigint();
  const events = await runtime.progress.rebuild();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const eventsPerSecond = seconds > 0 ? Math.round(events / seconds) : events;
  const summary = { events, seconds: Number(seconds.toFixed(3)), eventsPerSecond, projections: ['progress'] };
  io.stdout(
    options.json
      ? `${JSON.stringify(summary)}\n`
      : `重放完成 / replayed ${events} events in ${summary.seconds}s (${eventsPerSecond} events/s): progress\n`,
  );
  return EXIT.ok;
}
