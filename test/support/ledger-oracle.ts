import { readFileSync } from 'node:fs';
import Decimal from 'decimal.js';

/**
 * An independent oracle for the tests: department-year totals of a ledger computed from the commands alone with
 * decimal.js, never through the product's deciders or projections.
 */
export interface DepartmentTotals {
  budgetInitial: string;
  budgetCurrent: string;
  arrived: string;
  paid: string;
}

export type Line = Record<string, unknown> & { command: string; id: string };

export const readLedgerLines = (path: string): Line[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((text) => text.trim() !== '')
    .map((text) => JSON.parse(text) as Line);

/**
 * The oracle: department-year totals of a ledger as of the year's last day, computed from the file alone with
 * decimal.js (issuances + adjustments = current budget; initial/carryover issuances = initial budget;
 * arrivals; payments − reversed payments). Key: `<departmentCode>/<fiscalYear>`.
 */
export function ledgerOracle(lines: readonly Line[]): Map<string, DepartmentTotals> {
  const projectOwner = new Map<string, { department: string; year: number }>();
  const payments = new Map<string, Decimal>();
  const sums = new Map<string, { budgetInitial: Decimal; budgetCurrent: Decimal; arrived: Decimal; paid: Decimal }>();
  const zero = () => ({ budgetInitial: new Decimal(0), budgetCurrent: new Decimal(0), arrived: new Decimal(0), paid: new Decimal(0) });
  const rowOf = (projectId: string, occurredOn?: unknown) => {
    const owner = projectOwner.get(projectId);
    if (!owner) throw new Error(`oracle: project ${projectId} used before registration`);
    if (typeof occurredOn === 'string' && occurredOn > `${owner.year}-12-31`) return null;
    const key = `${owner.department}/${owner.year}`;
    let row = sums.get(key);
    if (!row) sums.set(key, (row = zero()));
    return row;
  };
  for (const line of lines) {
    const projectId = line.projectId as string;
    switch (line.command) {
      case 'RegisterProject':
        projectOwner.set(projectId, { department: line.departmentCode as string, year: line.fiscalYear as number });
        rowOf(projectId);
        break;
      case 'IssueBudget': {
        const row = rowOf(projectId, line.occurredOn);
        if (!row) break;
        row.budgetCurrent = row.budgetCurrent.plus(line.amount as string);
        if (line.basis === 'initial' || line.basis === 'carryover') row.budgetInitial = row.budgetInitial.plus(line.amount as string);
        break;
      }
      case 'AdjustBudget': {
        const row = rowOf(projectId, line.occurredOn);
        if (row) row.budgetCurrent = row.budgetCurrent.plus(line.delta as string);
        break;
      }
      case 'RecordFundsArrival': {
        const row = rowOf(projectId, line.occurredOn);
        if (row) row.arrived = row.arrived.plus(line.amount as string);
        break;
      }
      case 'RecordPayment': {
        payments.set(`${projectId}/${line.paymentId as string}`, new Decimal(line.amount as string));
        const row = rowOf(projectId, line.occurredOn);
        if (row) row.paid = row.paid.plus(line.amount as string);
        break;
      }
      case 'ReversePayment': {
        const amount = payments.get(`${projectId}/${line.paymentId as string}`);
        if (!amount) throw new Error(`oracle: reversal of unknown payment ${line.paymentId as string}`);
        const row = rowOf(projectId, line.occurredOn);
        if (row) row.paid = row.paid.minus(amount);
        break;
      }
      default:
        break;
    }
  }
  const totals = new Map<string, DepartmentTotals>();
  for (const [key, row] of sums) {
    totals.set(key, { budgetInitial: row.budgetInitial.toFixed(2), budgetCurrent: row.budgetCurrent.toFixed(2), arrived: row.arrived.toFixed(2), paid: row.paid.toFixed(2) });
  }
  return totals;
}

export const pickTotals = (doc: DepartmentTotals): DepartmentTotals => ({ budgetInitial: doc.budgetInitial, budgetCurrent: doc.budgetCurrent, arrived: doc.arrived, paid: doc.paid });
