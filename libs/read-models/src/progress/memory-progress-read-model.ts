import { movementOf, progressChangeOf, type DepartmentInfo, type ProgressFact, type ProjectInfo, type StoredEventLike } from './progress-facts';
import type { ProgressBatch } from './progress-changes';
import type { DepartmentYear, ProgressReadModel, ProjectMonitoringRows } from './progress-read-model';
import { DayTotals, FactColumns, dayOf } from './packed-facts';
import { type ProjectNote, noteOf } from './monitoring-facts';

const yearKey = (code: string, fiscalYear: number) => `${code}/${fiscalYear}`;

export class MemoryProgressReadModel implements ProgressReadModel {
  private checkpoint = 0;
  private departmentsByCode = new Map<string, DepartmentInfo>();
  private projects = new Map<string, ProjectInfo>();
  private factsByYear = new Map<string, ProgressFact[]>();
  /** Per project: its movements packed as the sqlite model keeps them, and its notes */
  private packed = new Map<string, FactColumns>();
  private notes = new Map<string, ProjectNote[]>();

  position(): number {
    return this.checkpoint;
  }

  apply(events: readonly StoredEventLike[]): void {
    for (const event of events) {
      if (event.position <= this.checkpoint) continue;
      const change = progressChangeOf(event);
      if (change?.kind === 'department') this.departmentsByCode.set(change.department.code, change.department);
      if (change?.kind === 'project') this.projects.set(change.project.projectId, change.project);
      if (change?.kind === 'fact') {
        const project = this.projects.get(change.fact.projectId);
        if (!project) continue;
        const key = yearKey(project.departmentCode, project.fiscalYear);
        const list = this.factsByYear.get(key) ?? [];
        list.push(change.fact);
        this.factsByYear.set(key, list);
        this.pack(event);
      }
      const note = noteOf(event.type, event.data, event.position);
      if (note && this.projects.has(note.projectId)) this.notes.set(note.projectId, [...(this.notes.get(note.projectId) ?? []), note]);
      this.checkpoint = event.position;
    }
  }

  private pack(event: StoredEventLike): void {
    const moved = movementOf(event.type, event.data, event.position);
    if (!moved) return;
    let columns = this.packed.get(moved.projectId);
    if (!columns) this.packed.set(moved.projectId, (columns = new FactColumns()));
    columns.push(event.position, Date.parse(event.recordedAt), dayOf(moved.occurredOn), moved);
  }

  /** One process owns a memory model: pages are applied as they come. */
  begin(): ProgressBatch {
    let added = 0;
    return {
      add: (events) => {
        const before = this.checkpoint;
        this.apply(events);
        added += events.filter((event) => event.position > before).length;
      },
      skipTo: (position) => {
        if (position > this.checkpoint) this.checkpoint = position;
      },
      get events() {
        return added;
      },
      commit: () => true,
    };
  }

  reset(): void {
    this.checkpoint = 0;
    this.departmentsByCode.clear();
    this.projects.clear();
    this.factsByYear.clear();
    this.packed.clear();
    this.notes.clear();
  }

  monitoringFacts(departmentCode: string, fiscalYear: number): Map<string, ProjectMonitoringRows> {
    const result = new Map<string, ProjectMonitoringRows>();
    for (const project of this.projectsOf(departmentCode, fiscalYear)) {
      const columns = this.packed.get(project.projectId);
      const notes = this.notes.get(project.projectId) ?? [];
      if (columns || notes.length) result.set(project.projectId, { days: columns ? DayTotals.EMPTY.plus(columns) : DayTotals.EMPTY, notes });
    }
    return result;
  }

  department(code: string): DepartmentInfo | undefined {
    return this.departmentsByCode.get(code);
  }

  project(projectId: string): ProjectInfo | undefined {
    return this.projects.get(projectId);
  }

  projectsOf(departmentCode: string, fiscalYear: number): ProjectInfo[] {
    return [...this.projects.values()].filter((p) => p.departmentCode === departmentCode && p.fiscalYear === fiscalYear);
  }

  totalsAsOf(projectIds: readonly string[], asOf: string): Iterable<ProgressFact> {
    const wanted = new Set(projectIds);
    const owners = new Set(projectIds.map((id) => this.projects.get(id)).filter((p) => p !== undefined).map((p) => `${p.departmentCode}/${p.fiscalYear}`));
    return [...owners].flatMap((key) => {
      const [code, year] = key.split('/');
      return [...this.facts(code, Number(year), asOf)].filter((fact) => wanted.has(fact.projectId));
    });
  }

  facts(departmentCode: string, fiscalYear: number, asOf: string): Iterable<ProgressFact> {
    return (this.factsByYear.get(yearKey(departmentCode, fiscalYear)) ?? []).filter((fact) => fact.occurredOn <= asOf);
  }

  departments(): DepartmentInfo[] {
    return [...this.departmentsByCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  departmentYears(): DepartmentYear[] {
    const counts = new Map<string, DepartmentYear>();
    for (const project of this.projects.values()) {
      const key = yearKey(project.departmentCode, project.fiscalYear);
      const row = counts.get(key) ?? { departmentCode: project.departmentCode, fiscalYear: project.fiscalYear, projects: 0 };
      row.projects += 1;
      counts.set(key, row);
    }
    return [...counts.values()];
  }
}
