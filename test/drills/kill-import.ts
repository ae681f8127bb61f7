/**
 * Drill: `kill -9` the importer (and then a progress catch-up) at random moments, re-import, compare.
 * Used by kill-import.spec.ts (10 runs, small ledger) and bench/drills.ts (20 runs).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedger } from '../../bench/generate-ledger';
import { bem } from '../support/cli';
import { type DepartmentTotals, bemProcess, censusOf, ledgerOracle, pickTotals, prng, readLedgerLines, runBem, sleep } from './support';

export interface KillDrillOptions {
  runs: number;
  commands: number;
  departments: number;
  projectsPerDepartment: number;
  seed: number;
  log?: (line: string) => void;
}

export interface KillRun {
  run: number;
  importDelayMs: number;
  /** 'killed' when SIGKILL landed before the importer exited, 'completed' when it had already finished. */
  importOutcome: 'killed' | 'completed';
  /** Events in the file right after the kill: must be 0 or every command's (all or nothing). */
  eventsAfterKill: number;
  partialAfterKill: string[];
  progressDelayMs: number;
  progressOutcome: 'killed' | 'completed';
  reimport: { code: number | null; appended: number; duplicates: number };
  eventsAtEnd: number;
  commandsAtEnd: number;
  partialAtEnd: string[];
  /** Departments whose `bem progress --json` totals differ from the oracle. */
  mismatches: { key: string; expected: DepartmentTotals; actual: DepartmentTotals | string }[];
}

export interface KillDrillReport {
  ledger: string;
  commands: number;
  /** Wall-clock ms of one full, unkilled import process (calibration: kill delays are drawn in [0, 1.1 × this]). */
  fullImportMs: number;
  fullProgressMs: number;
  runs: KillRun[];
}

async function killAfter(args: string[], delayMs: number): Promise<'killed' | 'completed'> {
  const { child, done } = bemProcess(args);
  const exited = done.then(() => 'exited' as const);
  const raced = await Promise.race([sleep(delayMs).then(() => 'timer' as const), exited]);
  if (raced === 'timer' && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    const run = await done;
    return run.signal === 'SIGKILL' ? 'killed' : 'completed';
  }
  await done;
  return 'completed';
}

export async function killDrill(options: KillDrillOptions): Promise<KillDrillReport> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'bem-drill-kill-'));
  const ledger = join(dir, 'ledger.jsonl');
  const commands = await generateLedger(ledger, { commands: options.commands, departments: options.departments, projectsPerDepartment: options.projectsPerDepartment, fiscalYear: 2025 });
  const oracle = ledgerOracle(readLedgerLines(ledger));
  const random = prng(options.seed);

  // Calibration: how long a whole import (and a whole progress catch-up) takes on this machine right now.
  const calibration = join(dir, 'calibration.sqlite');
  const full = await runBem(['import', ledger, '--store', calibration, '--json']);
  if (full.code !== 0) throw new Error(`calibration import failed: ${full.stderr}`);
  const fullProgress = await runBem(['progress', '--department', 'dep-0', '--year', '2025', '--store', calibration, '--json']);
  if (fullProgress.code !== 0) throw new Error(`calibration progress failed: ${fullProgress.stderr}`);
  log(`calibration: import ${full.ms} ms, progress ${fullProgress.ms} ms for ${commands} commands`);

  const runs: KillRun[] = [];
  for (let run = 1; run <= options.runs; run++) {
    const store = join(dir, `run-${run}.sqlite`);
    const importDelayMs = Math.round(random() * full.ms * 1.1);
    const importOutcome = await killAfter(['import', ledger, '--store', store, '--json'], importDelayMs);
    const afterKill = censusOf(store);

    const again = await runBem(['import', ledger, '--store', store, '--json']);
    const summary = again.code === 0 ? (JSON.parse(again.stdout) as { appended: number; duplicates: number }) : { appended: -1, duplicates: -1 };

    // A progress catch-up (it writes the read model into the same file) killed at a random moment too.
    const progressDelayMs = Math.round(random() * fullProgress.ms * 1.1);
    const progressOutcome = await killAfter(['progress', '--department', 'dep-0', '--year', '2025', '--store', store, '--json'], progressDelayMs);

    const mismatches: KillRun['mismatches'] = [];
    for (const [key, expected] of oracle) {
      const [code, year] = key.split('/');
      const shown = await bem(store, 'progress', '--department', code, '--year', year, '--json');
      const actual = shown.code === 0 ? pickTotals(JSON.parse(shown.stdout) as DepartmentTotals) : `exit ${shown.code}: ${shown.stderr}`;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ key, expected, actual });
    }
    const atEnd = censusOf(store);
    const result: KillRun = {
      run,
      importDelayMs,
      importOutcome,
      eventsAfterKill: afterKill.events,
      partialAfterKill: afterKill.partial,
      progressDelayMs,
      progressOutcome,
      reimport: { code: again.code, ...summary },
      eventsAtEnd: atEnd.events,
      commandsAtEnd: atEnd.commands,
      partialAtEnd: atEnd.partial,
      mismatches,
    };
    log(
      `run ${run}: import ${importOutcome} at ${importDelayMs} ms (events after kill ${afterKill.events}/${commands}), ` +
        `re-import exit ${again.code} appended ${summary.appended} duplicates ${summary.duplicates}, ` +
        `progress ${progressOutcome} at ${progressDelayMs} ms, events ${atEnd.events}, mismatching departments ${mismatches.length}`,
    );
    runs.push(result);
  }
  return { ledger, commands, fullImportMs: full.ms, fullProgressMs: fullProgress.ms, runs };
}
