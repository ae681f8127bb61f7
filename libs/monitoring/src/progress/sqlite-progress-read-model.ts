import type Database from 'better-sqlite3';
import { progressChangeOf, type DepartmentInfo, type ProgressFact, type ProjectInfo, type StoredEventLike } from './progress-facts';
import type { DepartmentYear, ProgressReadModel } from './progress-read-model';
import { SqliteDailyTotals } from './sqlite-daily-totals';

const CHECKPOINT = 'progress';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rm_departments (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rm_projects (
  project_id TEXT PRIMARY KEY, department_code TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
  name TEXT NOT NULL, kind TEXT NOT NULL, basic_class TEXT, recorded_at TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS rm_projects_by_year ON rm_projects (department_code, fiscal_year, seq);
CREATE TABLE IF NOT EXISTS rm_progress_facts (
  position INTEGER PRIMARY KEY, project_id TEXT NOT NULL, department_code TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
  occurred_on TEXT NOT NULL, recorded_at TEXT NOT NULL,
  budget_initial TEXT NOT NULL, budget_current TEXT NOT NULL, arrived TEXT NOT NULL, paid TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rm_progress_facts_by_year ON rm_progress_facts (department_code, fiscal_year, occurred_on);
`;

interface ProjectRow {
  project_id: string;
  department_code: string;
  fiscal_year: number;
  name: string;
  kind: 'basic' | 'project';
  basic_class: 'personnel' | 'public' | null;
  recorded_at: string;
}

const toProject = (row: ProjectRow): ProjectInfo => ({
  projectId: row.project_id,
  departmentCode: row.department_code,
  fiscalYear: row.fiscal_year,
  name: row.name,
  kind: row.kind,
  ...(row.basic_class ? { basicClass: row.basic_class } : {}),
  recordedAt: row.recorded_at,
});

/** Progress read model in the store's own sqlite file: tables and checkpoint change in one transaction. */
export class SqliteProgressReadModel implements ProgressReadModel {
  private readonly statements;
  /** project -> (department, year) for the facts being applied; filled lazily. */
  private readonly owners = new Map<string, { departmentCode: string; fiscalYear: number }>();

  private readonly daily: SqliteDailyTotals;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.daily = new SqliteDailyTotals(db);
    this.statements = {
      checkpoint: db.prepare('SELECT position FROM rm_checkpoints WHERE name = ?').pluck(),
      saveCheckpoint: db.prepare(
        'INSERT INTO rm_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
      ),
      upsertDepartment: db.prepare(
        'INSERT INTO rm_departments (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name',
      ),
      insertProject: db.prepare(
        `INSERT OR REPLACE INTO rm_projects (project_id, department_code, fiscal_year, name, kind, basic_class, recorded_at, seq)
         VALUES (@projectId, @departmentCode, @fiscalYear, @name, @kind, @basicClass, @recordedAt, @seq)`,
      ),
      insertFact: db.prepare(
        `INSERT OR IGNORE INTO rm_progress_facts VALUES
         (@position, @projectId, @departmentCode, @fiscalYear, @occurredOn, @recordedAt, @budgetInitial, @budgetCurrent, @arrived, @paid)`,
      ),
      department: db.prepare('SELECT code, name FROM rm_departments WHERE code = ?'),
      departments: db.prepare('SELECT code, name FROM rm_departments ORDER BY code'),
      departmentYears: db.prepare(
        'SELECT department_code AS departmentCode, fiscal_year AS fiscalYear, COUNT(*) AS projects FROM rm_projects GROUP BY department_code, fiscal_year',
      ),
      project: db.prepare('SELECT * FROM rm_projects WHERE project_id = ?'),
      projectsOf: db.prepare('SELECT * FROM rm_projects WHERE department_code = ? AND fiscal_year = ? ORDER BY seq'),
      facts: db.prepare(
        `SELECT position, project_id AS projectId, occurred_on AS occurredOn, recorded_at AS recordedAt,
                budget_initial AS budgetInitial, budget_current AS budgetCurrent, arrived, paid
         FROM rm_progress_facts WHERE department_code = ? AND fiscal_year = ? AND occurred_on <= ?`,
      ),
    };
    const applyAll = db.transaction((events: readonly StoredEventLike[]) => this.applyEach(events));
    // IMMEDIATE: two processes sharing the file (api instances) take the write lock before reading the
    // checkpoint, so the second waits (busy_timeout), then skips what the first applied; a DEFERRED
    // transaction would fail with SQLITE_BUSY when upgrading its stale read to a write.
    this.applyAll = (events) => applyAll.immediate(events);
    this.backfillDailyTotals();
  }

  /** A read model written before the daily totals existed gets them from its facts, once. */
  private backfillDailyTotals(): void {
    if (!this.daily.isEmpty() || this.position() === 0) return;
    const facts = this.db.prepare(
      `SELECT position, project_id AS projectId, department_code AS departmentCode, fiscal_year AS fiscalYear, occurred_on AS occurredOn,
              recorded_at AS recordedAt, budget_initial AS budgetInitial, budget_current AS budgetCurrent, arrived, paid
       FROM rm_progress_facts ORDER BY position`,
    );
    this.daily.beginBatch();
    this.db.transaction(() => {
      for (const fact of facts.all() as (ProgressFact & { departmentCode: string; fiscalYear: number })[]) this.daily.add(fact, fact);
    }).immediate();
  }

  private readonly applyAll: (events: readonly StoredEventLike[]) => void;

  position(): number {
    return (this.statements.checkpoint.get(CHECKPOINT) as number | undefined) ?? 0;
  }

  apply(events: readonly StoredEventLike[]): void {
    if (events.length) this.applyAll(events);
  }

  private applyEach(events: readonly StoredEventLike[]): void {
    this.daily.beginBatch();
    let position = this.position();
    for (const event of events) {
      if (event.position <= position) continue;
      const change = progressChangeOf(event);
      if (change?.kind === 'department') this.statements.upsertDepartment.run(change.department.code, change.department.name);
      if (change?.kind === 'project') {
        const { project } = change;
        this.statements.insertProject.run({ ...project, basicClass: project.basicClass ?? null, seq: event.position });
        this.owners.set(project.projectId, project);
      }
      if (change?.kind === 'fact') {
        const owner = this.ownerOf(change.fact.projectId);
        if (owner && this.statements.insertFact.run({ ...change.fact, ...owner }).changes === 1) this.daily.add(change.fact, owner);
      }
      position = event.position;
    }
    this.statements.saveCheckpoint.run(CHECKPOINT, position);
  }

  private ownerOf(projectId: string) {
    let owner = this.owners.get(projectId);
    if (!owner) {
      const project = this.project(projectId);
      if (!project) return undefined;
      owner = { departmentCode: project.departmentCode, fiscalYear: project.fiscalYear };
      this.owners.set(projectId, owner);
    }
    return { departmentCode: owner.departmentCode, fiscalYear: owner.fiscalYear };
  }

  reset(): void {
    this.db.exec('DELETE FROM rm_progress_facts; DELETE FROM rm_projects; DELETE FROM rm_departments;');
    this.daily.clear();
    this.statements.saveCheckpoint.run(CHECKPOINT, 0);
    this.owners.clear();
  }

  department(code: string): DepartmentInfo | undefined {
    return this.statements.department.get(code) as DepartmentInfo | undefined;
  }

  project(projectId: string): ProjectInfo | undefined {
    const row = this.statements.project.get(projectId) as ProjectRow | undefined;
    return row ? toProject(row) : undefined;
  }

  projectsOf(departmentCode: string, fiscalYear: number): ProjectInfo[] {
    return (this.statements.projectsOf.all(departmentCode, fiscalYear) as ProjectRow[]).map(toProject);
  }

  facts(departmentCode: string, fiscalYear: number, asOf: string): Iterable<ProgressFact> {
    return this.statements.facts.all(departmentCode, fiscalYear, asOf) as ProgressFact[];
  }

  totalsAsOf(projectIds: readonly string[], asOf: string): Iterable<ProgressFact> {
    return this.daily.asOf(projectIds, asOf);
  }

  departments(): DepartmentInfo[] {
    return this.statements.departments.all() as DepartmentInfo[];
  }

  departmentYears(): DepartmentYear[] {
    return this.statements.departmentYears.all() as DepartmentYear[];
  }
}
