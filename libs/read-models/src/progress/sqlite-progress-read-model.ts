import type Database from 'better-sqlite3';
import { DayTotals, FactColumns, MEASURES, dayOf, isoDateOf } from './packed-facts';
import { yuanOfFen } from '@bem/domain';
import { type ProgressBatch, ProgressChanges } from './progress-changes';
import type { DepartmentInfo, ProgressFact, ProjectInfo, StoredEventLike } from './progress-facts';
import type { DepartmentYear, ProgressReadModel, ProjectMonitoringRows } from './progress-read-model';
import type { ProjectNote } from './monitoring-facts';

const CHECKPOINT = 'progress';
/**
 * The shape of the tables below; a file of another shape is emptied and rebuilt from the log on the next catch-up.
 * 2: eight measures per fact (the domain's Movement: Σ 调整 and the issuance / arrival / payment counts) and notes.
 */
const SCHEMA_VERSION = 2;
const SCHEMA_KEY = 'progress-schema';
/** Facts per stored chunk: a live append rewrites at most one chunk (≈ 53 KB) of its project. */
export const CHUNK = 1024;
/** Projects whose day totals a process keeps decoded (≈ 9 KB each for a year of daily movements). */
const DAY_CACHE_PROJECTS = 20_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rm_departments (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rm_projects (
  project_id TEXT PRIMARY KEY, department_code TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
  name TEXT NOT NULL, kind TEXT NOT NULL, basic_class TEXT, recorded_at TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS rm_projects_by_year ON rm_projects (department_code, fiscal_year, seq);
CREATE TABLE IF NOT EXISTS rm_project_facts (
  project_id TEXT NOT NULL, chunk INTEGER NOT NULL, department_code TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
  count INTEGER NOT NULL, facts BLOB NOT NULL, PRIMARY KEY (project_id, chunk));
CREATE INDEX IF NOT EXISTS rm_project_facts_by_year ON rm_project_facts (department_code, fiscal_year);
CREATE TABLE IF NOT EXISTS rm_project_days (
  project_id TEXT PRIMARY KEY, department_code TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
  count INTEGER NOT NULL, days BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS rm_project_days_by_year ON rm_project_days (department_code, fiscal_year);
CREATE TABLE IF NOT EXISTS rm_project_notes (
  position INTEGER PRIMARY KEY, project_id TEXT NOT NULL, department_code TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
  type TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rm_project_notes_by_year ON rm_project_notes (department_code, fiscal_year, position);
`;

/** Tables of this model, in the order a copy must fill them (see progress-rebuild). */
export const PROGRESS_TABLES = ['rm_departments', 'rm_projects', 'rm_project_facts', 'rm_project_days', 'rm_project_notes'] as const;

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

interface Owner {
  departmentCode: string;
  fiscalYear: number;
}

/**
 * Progress read model in sqlite (the store's own file by default): per project, its facts packed in chunks and its
 * cumulative totals per day, so "as of D" is one row and a binary search per project, and a replay writes a few
 * rows per project instead of two per event. Tables and checkpoint change in one transaction.
 */
export class SqliteProgressReadModel implements ProgressReadModel {
  private readonly sql;
  private readonly write: (changes: ProgressChanges) => boolean;
  /**
   * Day totals read before, by project, valid at checkpoint `cachedAt`: another process sharing the file may
   * have written anything since a checkpoint it moved, so a moved checkpoint empties it; this process's own
   * writes update the projects they touch.
   */
  private readonly dayCache = new Map<string, DayTotals>();
  private cachedAt = -1;

  constructor(private readonly db: Database.Database) {
    dropPreviousSchema(db);
    dropOtherVersion(db);
    db.exec(SCHEMA);
    db.prepare('INSERT OR IGNORE INTO rm_checkpoints (name, position) VALUES (?, ?)').run(SCHEMA_KEY, SCHEMA_VERSION);
    this.sql = {
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
      lastChunk: db.prepare('SELECT chunk, count, facts FROM rm_project_facts WHERE project_id = ? ORDER BY chunk DESC LIMIT 1'),
      saveChunk: db.prepare('INSERT OR REPLACE INTO rm_project_facts VALUES (?, ?, ?, ?, ?, ?)'),
      days: db.prepare('SELECT count, days FROM rm_project_days WHERE project_id = ?'),
      saveDays: db.prepare('INSERT OR REPLACE INTO rm_project_days VALUES (?, ?, ?, ?, ?)'),
      department: db.prepare('SELECT code, name FROM rm_departments WHERE code = ?'),
      departments: db.prepare('SELECT code, name FROM rm_departments ORDER BY code'),
      departmentYears: db.prepare(
        'SELECT department_code AS departmentCode, fiscal_year AS fiscalYear, COUNT(*) AS projects FROM rm_projects GROUP BY department_code, fiscal_year',
      ),
      project: db.prepare('SELECT * FROM rm_projects WHERE project_id = ?'),
      owner: db.prepare('SELECT department_code AS departmentCode, fiscal_year AS fiscalYear FROM rm_projects WHERE project_id = ?'),
      projectsOf: db.prepare('SELECT * FROM rm_projects WHERE department_code = ? AND fiscal_year = ? ORDER BY seq'),
      saveNote: db.prepare('INSERT OR REPLACE INTO rm_project_notes VALUES (?, ?, ?, ?, ?, ?)'),
      daysOf: db.prepare('SELECT project_id AS projectId, count, days FROM rm_project_days WHERE department_code = ? AND fiscal_year = ?'),
      notesOf: db.prepare('SELECT type, data, position, project_id AS projectId FROM rm_project_notes WHERE department_code = ? AND fiscal_year = ? ORDER BY position'),
      chunksOf: db.prepare('SELECT project_id AS projectId, count, facts FROM rm_project_facts WHERE department_code = ? AND fiscal_year = ?'),
    };
    const write = db.transaction((changes: ProgressChanges) => this.writeChanges(changes));
    // IMMEDIATE: two processes sharing the file (api instances) take the write lock before reading the
    // checkpoint, so the second waits (busy_timeout), then finds the checkpoint moved and reads again.
    this.write = (changes) => {
      this.written.clear();
      try {
        if (!write.immediate(changes)) return false;
        // Committed: the day totals it wrote join the cache if the cache was current when the batch began.
        if (this.cachedAt === changes.from) {
          for (const [projectId, days] of this.written) this.dayCache.set(projectId, days);
          this.cachedAt = changes.to;
        }
        return true;
      } finally {
        this.written.clear();
      }
    };
  }

  position(): number {
    return (this.sql.checkpoint.get(CHECKPOINT) as number | undefined) ?? 0;
  }

  begin(): ProgressBatch {
    const changes = new ProgressChanges(this.position());
    return {
      add: (events) => changes.add(events),
      absorb: (part) => changes.absorb(part),
      skipTo: (position) => changes.skipTo(position),
      get events() {
        return changes.events;
      },
      commit: () => (changes.events === 0 && changes.to === changes.from) || this.write(changes),
    };
  }

  apply(events: readonly StoredEventLike[]): void {
    if (events.length === 0) return;
    for (;;) {
      const batch = this.begin();
      batch.add(events);
      if (batch.commit()) return;
    }
  }

  /** Writes a batch built from the current checkpoint; false (nothing written) when the checkpoint moved meanwhile. */
  private writeChanges(changes: ProgressChanges): boolean {
    if (this.position() !== changes.from) return false;
    for (const [code, name] of changes.departments) this.sql.upsertDepartment.run(code, name);
    const owners = new Map<string, Owner>();
    for (const { project, seq } of changes.projects) {
      this.sql.insertProject.run({ ...project, basicClass: project.basicClass ?? null, seq });
      owners.set(project.projectId, project);
    }
    for (const [projectId, facts] of changes.facts) {
      const owner = owners.get(projectId) ?? (this.sql.owner.get(projectId) as Owner | undefined);
      if (owner) this.addFacts(projectId, owner, facts);
    }
    for (const note of changes.notes) {
      const owner = owners.get(note.projectId) ?? (this.sql.owner.get(note.projectId) as Owner | undefined);
      if (owner) this.sql.saveNote.run(note.position, note.projectId, owner.departmentCode, owner.fiscalYear, note.type, JSON.stringify(note.data));
    }
    this.sql.saveCheckpoint.run(CHECKPOINT, changes.to);
    return true;
  }

  private addFacts(projectId: string, owner: Owner, facts: FactColumns): void {
    const { departmentCode, fiscalYear } = owner;
    const last = this.sql.lastChunk.get(projectId) as { chunk: number; count: number; facts: Buffer } | undefined;
    let chunk = last?.chunk ?? 0;
    let from = 0;
    if (last && last.count < CHUNK) {
      const filled = FactColumns.decode(last.facts, last.count);
      const merged = new FactColumns(Math.min(CHUNK, last.count + facts.length));
      merged.append(filled);
      from = Math.min(facts.length, CHUNK - last.count);
      merged.append(facts, 0, from);
      this.sql.saveChunk.run(projectId, chunk, departmentCode, fiscalYear, merged.length, merged.encode());
    }
    if (last && from < facts.length) chunk += 1;
    for (; from < facts.length; from += CHUNK, chunk += 1) {
      const to = Math.min(facts.length, from + CHUNK);
      this.sql.saveChunk.run(projectId, chunk, departmentCode, fiscalYear, to - from, facts.encode(from, to));
    }
    const stored = this.sql.days.get(projectId) as { count: number; days: Buffer } | undefined;
    const days = (stored ? DayTotals.decode(stored.days, stored.count) : DayTotals.EMPTY).plus(facts);
    this.sql.saveDays.run(projectId, departmentCode, fiscalYear, days.length, days.encode());
    this.written.set(projectId, days);
  }

  /** Day totals written by the transaction in progress (they join the cache once it commits). */
  private readonly written = new Map<string, DayTotals>();

  private cachedDays(projectId: string): DayTotals | undefined {
    let days = this.dayCache.get(projectId);
    if (days) return days;
    const row = this.sql.days.get(projectId) as { count: number; days: Buffer } | undefined;
    if (!row) return undefined;
    days = DayTotals.decode(row.days, row.count);
    if (this.dayCache.size >= DAY_CACHE_PROJECTS) this.dayCache.clear();
    this.dayCache.set(projectId, days);
    return days;
  }

  /** Keeps the cache only if the checkpoint is where this process last saw (or put) it. */
  private validateCache(): void {
    const position = this.position();
    if (position !== this.cachedAt) {
      this.dayCache.clear();
      this.cachedAt = position;
    }
  }

  reset(): void {
    this.dayCache.clear();
    this.cachedAt = -1;
    this.db.transaction(() => {
      for (const table of PROGRESS_TABLES) this.db.exec(`DELETE FROM ${table}`);
      this.sql.saveCheckpoint.run(CHECKPOINT, 0);
    }).immediate();
  }

  department(code: string): DepartmentInfo | undefined {
    return this.sql.department.get(code) as DepartmentInfo | undefined;
  }

  project(projectId: string): ProjectInfo | undefined {
    const row = this.sql.project.get(projectId) as ProjectRow | undefined;
    return row ? toProject(row) : undefined;
  }

  projectsOf(departmentCode: string, fiscalYear: number): ProjectInfo[] {
    return (this.sql.projectsOf.all(departmentCode, fiscalYear) as ProjectRow[]).map(toProject);
  }

  facts(departmentCode: string, fiscalYear: number, asOf: string): Iterable<ProgressFact> {
    const until = dayOf(asOf);
    const facts: ProgressFact[] = [];
    let instant = NaN;
    let instantText = '';
    for (const row of this.sql.chunksOf.all(departmentCode, fiscalYear) as { projectId: string; count: number; facts: Buffer }[]) {
      const columns = FactColumns.decode(row.facts, row.count);
      for (let i = 0; i < columns.length; i++) {
        if (columns.day[i] > until) continue;
        if (columns.recordedAt[i] !== instant) {
          instant = columns.recordedAt[i];
          instantText = new Date(instant).toISOString();
        }
        const m = i * MEASURES;
        facts.push({
          position: columns.position[i],
          projectId: row.projectId,
          occurredOn: isoDateOf(columns.day[i]),
          recordedAt: instantText,
          budgetInitial: yuanOfFen(columns.amounts[m]),
          budgetCurrent: yuanOfFen(columns.amounts[m + 1]),
          arrived: yuanOfFen(columns.amounts[m + 2]),
          paid: yuanOfFen(columns.amounts[m + 3]),
        });
      }
    }
    return facts;
  }

  totalsAsOf(projectIds: readonly string[], asOf: string): Iterable<ProgressFact> {
    const until = dayOf(asOf);
    const totals: ProgressFact[] = [];
    this.validateCache();
    for (const projectId of projectIds) {
      const days = this.cachedDays(projectId);
      const i = days ? days.indexAt(until) : -1;
      if (!days || i < 0) continue;
      const m = i * MEASURES;
      totals.push({
        position: 0,
        projectId,
        occurredOn: isoDateOf(days.day[i]),
        recordedAt: '',
        budgetInitial: yuanOfFen(days.cumulative[m]),
        budgetCurrent: yuanOfFen(days.cumulative[m + 1]),
        arrived: yuanOfFen(days.cumulative[m + 2]),
        paid: yuanOfFen(days.cumulative[m + 3]),
      });
    }
    return totals;
  }

  monitoringFacts(departmentCode: string, fiscalYear: number): Map<string, ProjectMonitoringRows> {
    const result = new Map<string, ProjectMonitoringRows>();
    this.validateCache();
    for (const row of this.sql.daysOf.all(departmentCode, fiscalYear) as { projectId: string; count: number; days: Buffer }[]) {
      result.set(row.projectId, { days: this.dayCache.get(row.projectId) ?? DayTotals.decode(row.days, row.count), notes: [] });
    }
    for (const row of this.sql.notesOf.all(departmentCode, fiscalYear) as { type: ProjectNote['type']; data: string; position: number; projectId: string }[]) {
      let facts = result.get(row.projectId);
      if (!facts) result.set(row.projectId, (facts = { days: DayTotals.EMPTY, notes: [] }));
      facts.notes.push({ type: row.type, projectId: row.projectId, position: row.position, data: JSON.parse(row.data) } as ProjectNote);
    }
    return result;
  }

  departments(): DepartmentInfo[] {
    return this.sql.departments.all() as DepartmentInfo[];
  }

  departmentYears(): DepartmentYear[] {
    return this.sql.departmentYears.all() as DepartmentYear[];
  }
}

/** A file of another shape (its checkpoint row says which; none: version 1) is emptied: the next catch-up rebuilds it. */
function dropOtherVersion(db: Database.Database): void {
  const hasCheckpoints = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rm_checkpoints'").get();
  if (!hasCheckpoints) return;
  const version = db.prepare('SELECT position FROM rm_checkpoints WHERE name = ?').pluck().get(SCHEMA_KEY);
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (const table of [...PROGRESS_TABLES, 'rm_project_notes']) db.exec(`DROP TABLE IF EXISTS ${table}`);
    db.prepare('DELETE FROM rm_checkpoints WHERE name IN (?, ?)').run(CHECKPOINT, SCHEMA_KEY);
  }).immediate();
}

/** A file written by the earlier model (one row per fact and per day) is rebuilt from the log in the new shape. */
function dropPreviousSchema(db: Database.Database): void {
  const old = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rm_progress_facts'").get();
  if (!old) return;
  db.transaction(() => {
    for (const table of ['rm_progress_facts', 'rm_progress_daily', 'rm_projects', 'rm_departments']) db.exec(`DROP TABLE IF EXISTS ${table}`);
    db.exec("DELETE FROM rm_checkpoints WHERE name = 'progress'");
  }).immediate();
}
