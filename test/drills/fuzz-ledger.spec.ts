import { describe, expect, it } from 'vitest';
import { fuzzDrill } from './fuzz-ledger';

/** 10,000 mutated lines (seeded: reproducible) mixed into a valid 5,000-command ledger, through the real `bem import`. */
describe('drill: fuzzed ledgers', () => {
  it('rejects the file with every bad line named (line N: field: why), no crash, nothing appended', async () => {
    const report = await fuzzDrill({ validCommands: 5_000, badLines: 10_000, seed: 20251231 });
    expect(report.badLines).toBe(10_000);
    expect(report.internalError, 'internal error on stderr').toBe(false);
    expect(report.signal).toBeNull();
    expect(report.code).toBe(1);
    expect(report.unnamed.slice(0, 20), `${report.unnamed.length} bad lines not named`).toEqual([]);
    expect(report.falselyNamed.slice(0, 20), `${report.falselyNamed.length} valid lines named`).toEqual([]);
    expect(report.strayStderr).toEqual([]);
    expect(report.eventsAppended).toBe(0);
    expect(report.head).toBe(0);
  }, 300_000);
});
