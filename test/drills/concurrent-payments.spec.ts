import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { concurrencyDrill } from './concurrent-payments';

/**
 * 4 OS processes paying into one project at once over one sqlite file, through the CommandHandler.
 * Budget 8,000 元, payments 1.00–200.99 元: about a third of the 240 payments must be refused.
 */
describe('drill: 4 processes paying into the same project', () => {
  it('never overspends, loses or duplicates a payment; refusals are EXCEEDS_AVAILABLE_BUDGET; revisions are contiguous', async () => {
    const report = await concurrencyDrill({ workers: 4, paymentsPerWorker: 60, budget: '8000.00', seed: 8 });
    expect(report.attempts).toHaveLength(240);
    expect(report.errors, 'payments that failed with something other than a business rule').toEqual([]);
    expect(Object.keys(report.rejectedCodes).filter((code) => code !== 'EXCEEDS_AVAILABLE_BUDGET')).toEqual([]);
    expect(report.rejectedCodes.EXCEEDS_AVAILABLE_BUDGET ?? 0).toBeGreaterThan(0); // the budget ran out: the race was real
    expect(report.accepted + (report.rejectedCodes.EXCEEDS_AVAILABLE_BUDGET ?? 0)).toBe(240);
    expect(new Decimal(report.paidInStream).lte(report.budget), `paid ${report.paidInStream} > budget ${report.budget}`).toBe(true);
    expect(report.lost).toEqual([]);
    expect(report.duplicated).toEqual([]);
    expect(report.phantom).toEqual([]);
    expect(report.paidInStream).toBe(report.paidAccepted);
    expect(report.progressPaid).toBe(report.paidAccepted);
    expect(report.revisionsContiguous).toBe(true);
    expect(report.streamEvents).toBe(2 + report.accepted); // ProjectRegistered, BudgetIssued, then one PaymentMade each
  }, 300_000);
});
