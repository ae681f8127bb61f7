import { concurrencyDrill } from '../test/drills/concurrent-payments';
import { fuzzDrill } from '../test/drills/fuzz-ledger';
import { killDrill } from '../test/drills/kill-import';

/**
 * The drills at full scale (their CI versions are test/drills/*.spec.ts): kill -9 of the importer 20 times on a
 * bigger ledger, 4 processes × 300 payments into one project, 10,000 fuzzed lines in a 50,000-command ledger.
 * Prints one line per run and a verdict per drill; exits 1 if any drill found a problem. DRILL_ONLY=kill,pay,fuzz.
 */
const log = (line: string) => console.log(line);
const only = process.env.DRILL_ONLY?.split(',');
const want = (name: string) => !only || only.includes(name);

async function main() {
  const problems: string[] = [];
  if (want('kill')) {
    const report = await killDrill({ runs: Number(process.env.DRILL_RUNS ?? 20), commands: Number(process.env.DRILL_COMMANDS ?? 50_000), departments: 5, projectsPerDepartment: 40, seed: 20, log });
    const bad = report.runs.filter(
      (run) => ![0, report.commands].includes(run.eventsAfterKill) || run.partialAfterKill.length || run.reimport.code !== 0 || run.eventsAtEnd !== report.commands || run.partialAtEnd.length || run.mismatches.length,
    );
    const killed = report.runs.filter((run) => run.importOutcome === 'killed').length;
    log(`kill drill: ${report.runs.length} runs on ${report.commands} commands (full import ${report.fullImportMs} ms), importer killed mid-way in ${killed}, progress killed in ${report.runs.filter((run) => run.progressOutcome === 'killed').length}; runs with a problem: ${bad.length}`);
    if (bad.length) problems.push(`kill: ${JSON.stringify(bad.slice(0, 3))}`);
  }
  if (want('pay')) {
    const report = await concurrencyDrill({ workers: 4, paymentsPerWorker: Number(process.env.DRILL_PAYMENTS ?? 300), budget: '30000.00', seed: 4, log });
    const overspent = Number(report.paidInStream) > Number(report.budget);
    const ok = !overspent && !report.errors.length && !report.lost.length && !report.duplicated.length && !report.phantom.length && report.revisionsContiguous && Object.keys(report.rejectedCodes).every((code) => code === 'EXCEEDS_AVAILABLE_BUDGET');
    log(`concurrency drill: ${ok ? 'ok' : 'PROBLEM'}`);
    if (!ok) problems.push(`pay: errors ${report.errors.slice(0, 3).join('; ')}`);
  }
  if (want('fuzz')) {
    const report = await fuzzDrill({ validCommands: Number(process.env.DRILL_VALID ?? 50_000), badLines: 10_000, seed: 1231, log });
    const ok = report.code === 1 && !report.internalError && !report.unnamed.length && !report.falselyNamed.length && !report.strayStderr.length && report.eventsAppended === 0;
    log(`fuzz drill: ${ok ? 'ok' : 'PROBLEM'}; mutators used: ${JSON.stringify(report.byMutator)}`);
    if (!ok) problems.push(`fuzz: ${JSON.stringify({ unnamed: report.unnamed.slice(0, 5), falselyNamed: report.falselyNamed.slice(0, 5), stray: report.strayStderr.slice(0, 3) })}`);
  }
  for (const problem of problems) console.log(`PROBLEM ${problem}`);
  process.exit(problems.length ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
