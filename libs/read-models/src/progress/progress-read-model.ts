import type { ProgressBatch } from './progress-changes';
import type { ProjectNote } from './monitoring-facts';
import type { DayTotals } from './packed-facts';
import type { DepartmentInfo, ProgressFact, ProjectInfo, StoredEventLike } from './progress-facts';

/**
 * Where the progress projection keeps its state and its checkpoint (the global position it has applied).
 * `apply` writes the changes and the new checkpoint together, so a crash or a replay never double-counts.
 */
export interface ProgressReadModel {
  position(): number;
  apply(events: readonly StoredEventLike[]): void;
  /**
   * A batch from the current checkpoint: add pages of events as they are read, then commit them with the new
   * checkpoint at once (a catch-up of a long log writes each project's rows once, not once per page).
   */
  begin(): ProgressBatch;
  /** Forget everything (before a full replay). */
  reset(): void;
  department(code: string): DepartmentInfo | undefined;
  project(projectId: string): ProjectInfo | undefined;
  /** Projects of a department's fiscal year, in registration order. */
  projectsOf(departmentCode: string, fiscalYear: number): ProjectInfo[];
  /** Facts of a department's fiscal year dated on or before asOf (the caller applies knownAt). */
  facts(departmentCode: string, fiscalYear: number, asOf: string): Iterable<ProgressFact>;
  /**
   * Everything recorded so far, as of a business date: per project, facts that sum to its totals at the end of
   * `asOf` (the sqlite model answers with one running total per project, without reading every fact).
   */
  totalsAsOf(projectIds: readonly string[], asOf: string): Iterable<ProgressFact>;
  /**
   * Per project of a department's fiscal year that has any: its cumulative totals per day (every measure of the
   * domain's Movement) and its notes in position order. What the checkpoint rules read, for the whole department at once.
   */
  monitoringFacts(departmentCode: string, fiscalYear: number): Map<string, ProjectMonitoringRows>;
  /** Every department, by code. */
  departments(): DepartmentInfo[];
  /** The fiscal years each department has projects in (with how many), for listings. */
  departmentYears(): DepartmentYear[];
}

export interface DepartmentYear {
  departmentCode: string;
  fiscalYear: number;
  projects: number;
}

export interface ProjectMonitoringRows {
  days: DayTotals;
  notes: ProjectNote[];
}
