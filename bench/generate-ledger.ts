import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A synthetic but valid ledger: departments × projects, each project registered, issued, then paid, fed, adjusted
 * and corrected through the year; lines merged in date order as an office would book them.
 * Amounts are generated as integer fen (exact below 2^53) and written as 元 decimal strings.
 */
export interface LedgerShape {
  commands: number;
  departments: number;
  projectsPerDepartment: number;
  fiscalYear: number;
}

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export async function generateLedger(path: string, shape: LedgerShape): Promise<number> {
  const random = prng(42);
  const { fiscalYear } = shape;
  const projects = shape.departments * shape.projectsPerDepartment;
  const base = Math.floor((shape.commands - shape.departments) / projects);
  const extra = (shape.commands - shape.departments) % projects;
  const out = createWriteStream(path);
  let seq = 0;
  let written = 0;
  const write = async (line: Record<string, unknown>) => {
    if (!out.write(`${JSON.stringify({ ...line, id: `b-${++seq}` })}\n`)) await once(out, 'drain');
    written++;
  };
  for (let d = 0; d < shape.departments; d++) {
    await write({ command: 'RegisterDepartment', departmentCode: `dep-${d}`, name: `第${d}部门` });
  }
  const day = (n: number) => new Date(Date.UTC(fiscalYear, 0, 1 + n)).toISOString().slice(0, 10);
  // Dated entries per project, then merged by day so streams interleave like a real ledger.
  const byDay: Record<string, unknown>[][] = Array.from({ length: 365 }, () => []);
  for (let p = 0; p < projects; p++) {
    const projectId = `prj-${p}`;
    const departmentCode = `dep-${p % shape.departments}`;
    let budget = 100_000_000 + Math.floor(random() * 900_000_000);
    let paid = 0;
    const payments: { id: string; fen: number; reversed: boolean }[] = [];
    byDay[0].push({ command: 'RegisterProject', projectId, departmentCode, fiscalYear, name: `项目${p}`, kind: p % 5 ? 'project' : 'basic' });
    byDay[0].push({ command: 'IssueBudget', projectId, occurredOn: day(0), amount: yuan(budget), source: 'own', basis: 'initial' });
    const perProject = base + (p < extra ? 1 : 0);
    for (let i = 2; i < perProject; i++) {
      const n = Math.min(364, 1 + Math.floor(((i - 2) / (perProject - 2)) * 363));
      const occurredOn = day(n);
      const roll = random();
      if (roll < 0.08) {
        const fen = 1_000_000 + Math.floor(random() * 20_000_000);
        budget += fen;
        byDay[n].push({ command: 'IssueBudget', projectId, occurredOn, amount: yuan(fen), source: 'central', basis: 'supplementary' });
      } else if (roll < 0.16 && budget - paid > 2_000_000) {
        const fen = 100_000 + Math.floor(random() * Math.min(5_000_000, budget - paid - 1_000_000));
        budget -= fen;
        byDay[n].push({ command: 'AdjustBudget', projectId, occurredOn, delta: `-${yuan(fen)}`, kind: 'decrease', reason: '压减' });
      } else if (roll < 0.26) {
        byDay[n].push({ command: 'RecordFundsArrival', projectId, occurredOn, amount: yuan(1_000_000 + Math.floor(random() * 50_000_000)), source: 'own' });
      } else if (roll < 0.32 && payments.some((pay) => !pay.reversed)) {
        const payment = payments.find((pay) => !pay.reversed) as { id: string; fen: number; reversed: boolean };
        payment.reversed = true;
        paid -= payment.fen;
        byDay[n].push({ command: 'ReversePayment', projectId, paymentId: payment.id, occurredOn, reason: '冲销' });
      } else {
        const room = budget - paid;
        const fen = Math.max(1, Math.min(room, 10_000 + Math.floor(random() * 2_000_000)));
        if (room <= 0) {
          byDay[n].push({ command: 'RecordFundsArrival', projectId, occurredOn, amount: '1.00', source: 'own' });
          continue;
        }
        const id = `${projectId}-pay-${i}`;
        payments.push({ id, fen, reversed: false });
        paid += fen;
        byDay[n].push({ command: 'RecordPayment', projectId, paymentId: id, occurredOn, amount: yuan(fen), economicCode: '30201' });
      }
    }
  }
  for (const lines of byDay) for (const line of lines) await write(line);
  out.end();
  await once(out, 'finish');
  return written;
}
