import Database from 'better-sqlite3';
import { openRuntime } from '../apps/cli/src/runtime';
import { benchCommands, importedStore, machine, maxRssMB, ms, now, percentile, printRows, prng } from './support';

/**
 * Progress as of a random business date for one 1,000-project department on a large log (BENCH_COMMANDS, default
 * 1,000,000; 1 department × 1,000 projects): p50/p95 over BENCH_QUERIES (≥ 200) queries through ProgressProjection,
 * against the baseline of the same dates answered by one raw SQL aggregate over the read model's fact table.
 */
async function main() {
  const commands = benchCommands();
  const queries = Math.max(200, Number(process.env.BENCH_QUERIES ?? 200));
  const { store, importSeconds } = await importedStore({ commands, departments: 1, projectsPerDepartment: 1000, fiscalYear: 2025 }, 'asof');
  const runtime = await openRuntime(store);
  try {
    let started = now();
    const caughtUp = await runtime.progress.catchUp();
    const catchUpSeconds = now() - started;
    const random = prng(8);
    const dates = Array.from({ length: queries }, () => new Date(Date.UTC(2025, 0, 1 + Math.floor(random() * 365))).toISOString().slice(0, 10));
    await runtime.progress.department('dep-0', 2025, { asOf: dates[0] }); // warm-up
    const product: number[] = [];
    let projects = 0;
    for (const asOf of dates) {
      started = now();
      const progress = await runtime.progress.department('dep-0', 2025, { asOf });
      product.push(now() - started);
      projects = progress.projects.length;
    }
    // Baseline: what sqlite alone takes to sum the department's payments up to the date straight from the event
    // log (REAL sums of json_extract: a floor for answering without a read model, not exact money).
    const db = new Database(store, { readonly: true });
    const raw = db.prepare(
      `SELECT json_extract(data, '$.projectId') AS project, sum(CAST(json_extract(data, '$.amount') AS REAL)) FROM events
       WHERE type = 'PaymentMade' AND stream IN (SELECT 'project-' || project_id FROM rm_projects WHERE department_code = ? AND fiscal_year = ?)
         AND json_extract(data, '$.occurredOn') <= ? GROUP BY project`,
    );
    raw.all('dep-0', 2025, dates[0]);
    const baseline: number[] = [];
    for (const asOf of dates.slice(0, 20)) {
      started = now();
      raw.all('dep-0', 2025, asOf);
      baseline.push(now() - started);
    }
    db.close();
    product.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    const p95 = percentile(product, 95);
    printRows('as-of progress (1 department × 1,000 projects)', [
      ['machine', machine()],
      ['log', `${commands} commands imported in ${importSeconds.toFixed(1)} s; read model catch-up ${caughtUp} events in ${catchUpSeconds.toFixed(1)} s`],
      ['queries', `${queries} random as-of dates, ${projects} projects each`],
      ['as-of p50', ms(percentile(product, 50))],
      ['as-of p95', ms(p95)],
      ['as-of max', ms(product[product.length - 1])],
      ['baseline raw SQL sum over the event log p50 (20 dates)', ms(percentile(baseline, 50))],
      ['baseline raw SQL sum over the event log p95', ms(percentile(baseline, 95))],
      ['as-of p95 / baseline p95', (p95 / percentile(baseline, 95)).toFixed(2)],
      ['goal p95 < 50 ms', p95 < 0.05 ? 'met' : 'not met'],
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
