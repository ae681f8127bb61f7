import { monitoringStream } from '@bem/domain';
import { openRuntime } from '../apps/cli/src/runtime';
import { CheckpointService, checkpointsOf, loadProfile, runRules } from '../libs/monitoring/src';
import { contextsFromReadModel, contextsFromStreams } from '../libs/monitoring/src/checkpoints/checkpoint-contexts';
import { benchCommands, importedStore, machine, maxRssMB, now, printRows } from './support';

/**
 * Checkpoint evaluation (CheckpointService: the three default checkpoints of the national profile, appending
 * CheckpointEvaluated + one AlertsRaised batch per checkpoint) over 10,000 projects = 10 departments × 1,000 projects, BENCH_COMMANDS commands
 * (default 1,000,000). Baseline in the same run: the year-end progress reads of the same departments.
 */
async function main() {
  const commands = Math.max(benchCommands(), 10 * (2 + 10) * Number(process.env.BENCH_PROJECTS ?? 1000));
  const projectsPerDepartment = Number(process.env.BENCH_PROJECTS ?? 1000);
  const departments = 10;
  const { store, importSeconds } = await importedStore({ commands, departments, projectsPerDepartment, fiscalYear: 2025 }, 'checkpoints');
  const runtime = await openRuntime(store);
  try {
    let started = now();
    await runtime.progress.catchUp();
    const catchUpSeconds = now() - started;
    const codes = Array.from({ length: departments }, (_, d) => `dep-${d}`);
    started = now();
    for (const code of codes) await runtime.progress.department(code, 2025, { asOf: '2025-12-31' });
    const baselineSeconds = now() - started;
    const service = new CheckpointService(runtime.store, runtime.progress);
    let checkpoints = 0;
    let alerts = 0;
    let batches = 0;
    started = now();
    for (const code of codes) {
      const report = await service.evaluate(code, 2025, undefined, { now: new Date('2026-01-15T00:00:00Z') });
      checkpoints += report.appended.checkpoints;
      alerts += report.appended.alerts;
    }
    const seconds = now() - started;
    // What was appended, read back after the clock stopped (a check of the evaluation, not part of it)
    for (const code of codes) batches += (await runtime.store.readStream(monitoringStream(code, 2025))).filter((event) => event.type === 'AlertsRaised').length;
    // The rule contexts (and rules) alone, both ways, in this run: from the packed read model (what evaluate uses)
    // and by reading and folding every project stream (what it did before)
    const profile = loadProfile('national');
    const due = checkpointsOf(profile, 2025);
    started = now();
    let fromModel = 0;
    for (const code of codes) fromModel += contextsFromReadModel(profile, code, 2025, due, await runtime.progress.monitoringFacts(code, 2025)).flatMap(runRules).length;
    const readModelSeconds = now() - started;
    started = now();
    let fromStreams = 0;
    for (const code of codes) fromStreams += contextsFromStreams(profile, code, 2025, due, await service.projectFacts(code, 2025)).flatMap(runRules).length;
    const streamSeconds = now() - started;
    if (fromModel !== fromStreams) throw new Error(`findings differ: read model ${fromModel}, streams ${fromStreams}`);
    printRows(`checkpoint evaluation (${departments} departments × ${projectsPerDepartment} projects)`, [
      ['machine', machine()],
      ['log', `${commands} commands imported in ${importSeconds.toFixed(1)} s; read model catch-up ${catchUpSeconds.toFixed(1)} s`],
      ['checkpoint evaluation', `${seconds.toFixed(2)} s for ${departments * projectsPerDepartment} projects (${checkpoints} CheckpointEvaluated, ${alerts} alerts in ${batches} AlertsRaised appended)`],
      ['baseline: year-end progress of the same departments', `${baselineSeconds.toFixed(2)} s`],
      ['evaluation / baseline', (seconds / baselineSeconds).toFixed(2)],
      ['rule contexts + rules from the read model', `${readModelSeconds.toFixed(2)} s (${fromModel} findings; / baseline ${(readModelSeconds / baselineSeconds).toFixed(2)})`],
      ['rule contexts + rules by folding streams (before)', `${streamSeconds.toFixed(2)} s (${fromStreams} findings; / baseline ${(streamSeconds / baselineSeconds).toFixed(2)})`],
      ['goal ≤ 4 × baseline', seconds / baselineSeconds <= 4 ? 'met' : 'not met'],
      ['goal ≤ 1 s (on this machine)', seconds <= 1 ? 'met' : `not met (${seconds.toFixed(2)} s; the baseline here is ${baselineSeconds.toFixed(2)} s)`],
      ['peak RSS', `${maxRssMB()} MB`],
    ]);
  } finally {
    await runtime.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
