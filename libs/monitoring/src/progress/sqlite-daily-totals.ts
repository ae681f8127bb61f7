import type Database from 'better-sqlite3';
import { formatYuan, money } from '@bem/domain';
import type { ProgressFact } from './progress-facts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_progress_daily (
  project_id TEXT NOT NULL, occurred_on TEXT NOT NULL, department_code TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
  budget_initial TEXT NOT NULL, budget_current TEXT NOT NULL, arrived TEXT NOT NULL, paid TEXT NOT NULL,
  PRIMARY KEY (project_id, occurred_on)) WITHOUT ROWID;
`;

const MEASURES = ['budgetInitial', 'budgetCurrent', 'arrived', 'paid'] as const;
type Totals = Pick<ProgressFact, (typeof MEASURES)[number]>;

interface DailyRow extends Totals {
  occurredOn: string;
}

const plus = (a: Totals, b: Totals): Totals => ({
  budgetInitial: formatYuan(money(a.budgetInitial).plus(b.budgetInitial)),
  budgetCurrent: formatYuan(money(a.budgetCurrent).plus(b.budgetCurrent)),
  arrived: formatYuan(money(a.arrived).plus(b.arrived)),
  paid: formatYuan(money(a.paid).plus(b.paid)),
});

const ZEROS: Totals = { budgetInitial: '0.00', budgetCurrent: '0.00', arrived: '0.00', paid: '0.00' };

/**
 * Running totals per project and business day (cumulative to the end of that day), so "as of D" is one index
 * seek per project instead of a sum over every fact. A fact dated before later days (a late entry) also
 * moves those days. Used when no `knownAt` is asked; what was known at an instant still sums the facts.
 */
export class SqliteDailyTotals {
  private readonly sql;
  /**
   * Each project's last day row, as written within the current write transaction: a fact dated on or after it
   * needs no look-up and moves no later day. Cleared by `beginBatch` (another process may write between batches).
   */
  private readonly lastDay = new Map<string, DailyRow>();

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    const columns = `occurred_on AS occurredOn, budget_initial AS budgetInitial, budget_current AS budgetCurrent, arrived, paid`;
    this.sql = {
      latest: db.prepare(`SELECT ${columns} FROM rm_progress_daily WHERE project_id = ? AND occurred_on <= ? ORDER BY occurred_on DESC LIMIT 1`),
      later: db.prepare(`SELECT ${columns} FROM rm_progress_daily WHERE project_id = ? AND occurred_on > ?`),
      upsert: db.prepare(
        `INSERT INTO rm_progress_daily VALUES (@projectId, @occurredOn, @departmentCode, @fiscalYear, @budgetInitial, @budgetCurrent, @arrived, @paid)
         ON CONFLICT (project_id, occurred_on) DO UPDATE SET budget_initial = excluded.budget_initial,
           budget_current = excluded.budget_current, arrived = excluded.arrived, paid = excluded.paid`,
      ),
      isEmpty: db.prepare('SELECT NOT EXISTS (SELECT 1 FROM rm_progress_daily)').pluck(),
      clear: db.prepare('DELETE FROM rm_progress_daily'),
    };
  }

  /** Call at the start of every write transaction. */
  beginBatch(): void {
    this.lastDay.clear();
  }

  /** Adds one fact to its day and every later day of its project. */
  add(fact: ProgressFact, owner: { departmentCode: string; fiscalYear: number }): void {
    const last = this.lastDay.get(fact.projectId);
    if (last && last.occurredOn <= fact.occurredOn) {
      this.write(fact.projectId, owner, { occurredOn: fact.occurredOn, ...plus(last, fact) });
      return;
    }
    const base = (this.sql.latest.get(fact.projectId, fact.occurredOn) as DailyRow | undefined) ?? ZEROS;
    const later = this.sql.later.all(fact.projectId, fact.occurredOn) as DailyRow[];
    this.write(fact.projectId, owner, { occurredOn: fact.occurredOn, ...plus(base, fact) });
    for (const row of later) this.write(fact.projectId, owner, { occurredOn: row.occurredOn, ...plus(row, fact) });
  }

  private write(projectId: string, owner: { departmentCode: string; fiscalYear: number }, row: DailyRow): void {
    this.sql.upsert.run({ ...owner, projectId, ...row });
    const last = this.lastDay.get(projectId);
    if (!last || last.occurredOn <= row.occurredOn) this.lastDay.set(projectId, row);
  }

  /** One cumulative "fact" per project: its totals at the end of `asOf` (absent when nothing happened by then). */
  asOf(projectIds: readonly string[], asOf: string): ProgressFact[] {
    const totals: ProgressFact[] = [];
    for (const projectId of projectIds) {
      const row = this.sql.latest.get(projectId, asOf) as DailyRow | undefined;
      if (row) totals.push({ position: 0, projectId, recordedAt: '', ...row });
    }
    return totals;
  }

  isEmpty(): boolean {
    return this.sql.isEmpty.get() === 1;
  }

  clear(): void {
    this.sql.clear.run();
    this.lastDay.clear();
  }
}
