import { rebuildProgressReadModel, type RebuildReport } from '@bem/read-models';
import { EXIT, type CliIO, UsageError } from '../io';
import type { Runtime } from '../runtime';

export interface RebuildOptions {
  projection?: string;
  force?: boolean;
  json?: boolean;
}

const PROJECTIONS = ['progress'];

/**
 * `bem rebuild --projection progress`: builds a new read model beside the live one from position 0,
 * checks parity (same figures for every department-year), and switches only then (or with --force).
 * Exit 0 when switched, 1 when parity failed and nothing was switched.
 */
export async function rebuild(runtime: Runtime, options: RebuildOptions, io: CliIO): Promise<number> {
  if (!PROJECTIONS.includes(options.projection ?? '')) {
    throw new UsageError(`--projection 须为 ${PROJECTIONS.join(' / ')} / --projection must be one of: ${PROJECTIONS.join(', ')}`);
  }
  const report = await rebuildProgressReadModel(runtime.store, runtime.readModel, { force: options.force });
  io.stdout(options.json ? `${JSON.stringify(report)}\n` : describe(report));
  if (!report.parity.ok) {
    for (const mismatch of report.parity.mismatches.slice(0, 20)) {
      io.stderr(`不一致 / differs: ${mismatch.departmentCode} ${mismatch.fiscalYear}\n`);
    }
  }
  return report.switched ? EXIT.ok : EXIT.rejected;
}

function describe(report: RebuildReport): string {
  const parity = report.parity.ok
    ? `一致 parity ok (${report.parity.departmentYears} department-years)`
    : `不一致 parity FAILED: ${report.parity.mismatches.length} of ${report.parity.departmentYears} department-years differ`;
  const outcome = report.switched ? `已切换 switched in (${report.builtIn})` : `未切换 not switched; new model kept in ${report.builtIn}`;
  return (
    `重建 rebuilt progress from position 0: ${report.events} events in ${report.seconds}s (${report.eventsPerSecond} events/s)\n` +
    `${parity} at position ${report.position}\n${outcome}\n`
  );
}
