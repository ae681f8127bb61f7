import Decimal from 'decimal.js';

/** The ledger commands these tests write (a subset of the contract's; amounts are 元 strings). */
export type Command = Record<string, unknown> & { command: string; id: string };

export interface Figures {
  budgetInitial: string;
  budgetCurrent: string;
  arrived: string;
  paid: string;
}

/** Deterministic pseudo-random numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A ledger for `departments` departments of fiscal year 2021: registrations and initial budgets first,
 * then `movements` money movements (arrivals, payments, reversals, adjustments) spread over the projects.
 */
export function generateLedger(departments: number, movements: number, seed = 7, prefix = 'sc'): Command[] {
  const random = seeded(seed);
  const cents = (max: number) => new Decimal(Math.floor(random() * max * 100) + 1).div(100).toFixed(2);
  const commands: Command[] = [];
  const projects: string[] = [];
  const payments: { projectId: string; paymentId: string }[] = [];
  let n = 0;
  const id = () => `${prefix}-c${String(++n).padStart(6, '0')}`;
  for (let d = 0; d < departments; d += 1) {
    const code = `${prefix}-d${d}`;
    commands.push({ command: 'RegisterDepartment', id: id(), departmentCode: code, name: `测试部门${d}` });
    for (let p = 0; p < 3; p += 1) {
      const projectId = `${code}-2021-p${p}`;
      projects.push(projectId);
      commands.push({ command: 'RegisterProject', id: id(), projectId, departmentCode: code, fiscalYear: 2021, name: `项目${p}`, kind: 'project' });
      commands.push({ command: 'IssueBudget', id: id(), projectId, occurredOn: '2021-01-10', amount: new Decimal(1_000_000).plus(cents(1_000_000)).toFixed(2), source: 'own', basis: p === 2 ? 'carryover' : 'initial' });
    }
  }
  for (let m = 0; m < movements; m += 1) {
    const projectId = projects[Math.floor(random() * projects.length)];
    const day = `2021-${String(2 + Math.floor(random() * 10)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const pick = random();
    if (pick < 0.25) commands.push({ command: 'RecordFundsArrival', id: id(), projectId, occurredOn: day, amount: cents(50_000), source: 'own' });
    else if (pick < 0.7) {
      const paymentId = `pay-${m}`;
      payments.push({ projectId, paymentId });
      commands.push({ command: 'RecordPayment', id: id(), projectId, paymentId, occurredOn: day, amount: cents(5_000), economicCode: '30201' });
    } else if (pick < 0.8 && payments.length > 0) {
      const [payment] = payments.splice(Math.floor(random() * payments.length), 1);
      commands.push({ command: 'ReversePayment', id: id(), projectId: payment.projectId, paymentId: payment.paymentId, occurredOn: '2021-12-20', reason: '冲销' });
    } else if (pick < 0.9) {
      commands.push({ command: 'AdjustBudget', id: id(), projectId, occurredOn: day, delta: cents(100_000), kind: 'increase', reason: '追加' });
    } else {
      commands.push({ command: 'AdjustBudget', id: id(), projectId, occurredOn: day, delta: `-${cents(10_000)}`, kind: 'decrease', reason: '压减' });
    }
  }
  return commands;
}

export { ledgerOracle as oracle, pickTotals as pickFigures } from '../../support/ledger-oracle';
