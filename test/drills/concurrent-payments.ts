/**
 * Drill: N processes paying into the same project at the same time over one sqlite file.
 * Used by concurrent-payments.spec.ts (4 × 60 payments) and bench/drills.ts (4 × 300).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import Decimal from 'decimal.js';
import { ledgerFile } from '../support/cli';
import type { PaymentAttempt } from './pay-worker';
import { runBem, spawnTsx } from './support';

export interface ConcurrencyOptions {
  workers: number;
  paymentsPerWorker: number;
  /** Budget of the project in 元 (2 decimals); payments are 1.00–200.99 元, so a small budget forces refusals. */
  budget: string;
  seed: number;
  log?: (line: string) => void;
}

export interface ConcurrencyReport {
  seconds: number;
  budget: string;
  attempts: PaymentAttempt[];
  accepted: number;
  rejectedCodes: Record<string, number>;
  errors: string[];
  /** Net paid in the stream (sum of PaymentMade amounts). */
  paidInStream: string;
  paidAccepted: string;
  /** Accepted payments not found exactly once in the stream. */
  lost: string[];
  duplicated: string[];
  /** Payments in the stream that no worker saw accepted. */
  phantom: string[];
  /** Revisions of the project stream are 0..n-1 without gap. */
  revisionsContiguous: boolean;
  streamEvents: number;
  /** What `bem progress --project` shows as paid afterwards. */
  progressPaid: string;
}

const PROJECT = 'drill-2025-p1';

export async function concurrencyDrill(options: ConcurrencyOptions): Promise<ConcurrencyReport> {
  const dir = mkdtempSync(join(tmpdir(), 'bem-drill-pay-'));
  const store = join(dir, 'bem.sqlite');
  const setup = ledgerFile([
    { command: 'RegisterDepartment', id: 'drill-c1', departmentCode: 'drill-d', name: '并发演练部门' },
    { command: 'RegisterProject', id: 'drill-c2', projectId: PROJECT, departmentCode: 'drill-d', fiscalYear: 2025, name: '并发支付项目', kind: 'project' },
    { command: 'IssueBudget', id: 'drill-c3', projectId: PROJECT, occurredOn: '2025-01-10', amount: options.budget, source: 'own', basis: 'initial' },
  ]);
  const imported = await runBem(['import', setup, '--store', store, '--json']);
  if (imported.code !== 0) throw new Error(`setup import failed: ${imported.stderr}`);

  const startAt = Date.now() + 4000; // every worker has loaded tsx and opened the store by then
  const started = Date.now();
  const runs = await Promise.all(
    Array.from({ length: options.workers }, (_, worker) =>
      spawnTsx(resolve(__dirname, 'pay-worker.ts'), [store, PROJECT, String(worker), String(options.paymentsPerWorker), String(options.seed * 100 + worker), String(startAt)]).done,
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  const attempts: PaymentAttempt[] = [];
  for (const run of runs) {
    if (run.code !== 0) throw new Error(`pay worker exited ${run.code}: ${run.stderr}`);
    attempts.push(...(JSON.parse(run.stdout.trim().split('\n').pop() as string) as { attempts: PaymentAttempt[] }).attempts);
  }

  const db = new Database(store, { readonly: true });
  const rows = db.prepare('SELECT id, revision, type, data FROM events WHERE stream = ? ORDER BY revision').all(`project-${PROJECT}`) as { id: string; revision: number; type: string; data: string }[];
  db.close();
  const revisionsContiguous = rows.every((row, i) => row.revision === i);
  const paymentsInStream = new Map<string, number>();
  let paidInStream = new Decimal(0);
  for (const row of rows) {
    if (row.type !== 'PaymentMade') continue;
    const data = JSON.parse(row.data) as { paymentId: string; amount: string };
    paymentsInStream.set(data.paymentId, (paymentsInStream.get(data.paymentId) ?? 0) + 1);
    paidInStream = paidInStream.plus(data.amount);
  }
  const accepted = attempts.filter((attempt) => attempt.outcome === 'accepted');
  const acceptedIds = new Set(accepted.map((attempt) => attempt.paymentId));
  const rejectedCodes: Record<string, number> = {};
  for (const attempt of attempts) if (attempt.outcome === 'rejected') rejectedCodes[attempt.code as string] = (rejectedCodes[attempt.code as string] ?? 0) + 1;
  const progress = await runBem(['progress', '--department', 'drill-d', '--year', '2025', '--project', PROJECT, '--store', store, '--json']);
  const report: ConcurrencyReport = {
    seconds,
    budget: options.budget,
    attempts,
    accepted: accepted.length,
    rejectedCodes,
    errors: attempts.filter((attempt) => attempt.outcome === 'error').map((attempt) => `${attempt.commandId}: ${attempt.message}`),
    paidInStream: paidInStream.toFixed(2),
    paidAccepted: accepted.reduce((total, attempt) => total.plus(attempt.amount), new Decimal(0)).toFixed(2),
    lost: accepted.filter((attempt) => paymentsInStream.get(attempt.paymentId) !== 1).map((attempt) => attempt.paymentId),
    duplicated: [...paymentsInStream].filter(([, n]) => n > 1).map(([id]) => id),
    phantom: [...paymentsInStream.keys()].filter((id) => !acceptedIds.has(id)),
    revisionsContiguous,
    streamEvents: rows.length,
    progressPaid: progress.code === 0 ? (JSON.parse(progress.stdout) as { paid: string }).paid : `exit ${progress.code}: ${progress.stderr}`,
  };
  options.log?.(
    `${options.workers} workers × ${options.paymentsPerWorker} payments in ${seconds.toFixed(1)} s (incl. ~4 s start barrier): ` +
      `${report.accepted} accepted (${report.paidAccepted} 元 of ${options.budget}), rejected ${JSON.stringify(rejectedCodes)}, errors ${report.errors.length}, ` +
      `stream paid ${report.paidInStream}, lost ${report.lost.length}, duplicated ${report.duplicated.length}, phantom ${report.phantom.length}, revisions contiguous ${revisionsContiguous}`,
  );
  return report;
}
