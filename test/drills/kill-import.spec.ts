import { describe, expect, it } from 'vitest';
import { killDrill } from './kill-import';

/**
 * kill -9 of `bem import` at random moments (then of a `bem progress` catch-up), re-import to completion:
 * an import is all or nothing, and the totals equal an independent decimal.js computation from the file.
 * Full scale (20 runs, bigger ledger): `npx tsx bench/drills.ts`.
 */
describe('drill: kill -9 the importer', () => {
  it('leaves nothing half-applied and the totals equal the ledger oracle after re-import (10 runs)', async () => {
    const report = await killDrill({ runs: 10, commands: 20_000, departments: 4, projectsPerDepartment: 25, seed: 2025 });
    expect(report.runs).toHaveLength(10);
    for (const run of report.runs) {
      // all or nothing: a killed import leaves no command, or (when it had committed) every one of them
      expect([0, report.commands], `run ${run.run}: events after kill`).toContain(run.eventsAfterKill);
      expect(run.partialAfterKill, `run ${run.run}: half-applied commands after kill`).toEqual([]);
      expect(run.reimport.code, `run ${run.run}: re-import exit`).toBe(0);
      expect(run.reimport.appended + run.reimport.duplicates).toBe(report.commands);
      expect(run.reimport.appended).toBe(report.commands - run.eventsAfterKill);
      expect(run.eventsAtEnd).toBe(report.commands);
      expect(run.commandsAtEnd).toBe(report.commands);
      expect(run.partialAtEnd).toEqual([]);
      expect(run.mismatches, `run ${run.run}: departments differing from the oracle`).toEqual([]);
    }
    // The drill must actually have interrupted something.
    expect(report.runs.some((run) => run.importOutcome === 'killed')).toBe(true);
  }, 600_000);
});
