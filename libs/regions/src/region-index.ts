import { type LedgerView, type ProjectLedger, initialLedger, parseStoredEvent, projectStream } from '@bem/domain';
import { readProjectLedgers } from '@bem/read-models';
import type { EventStore, RecordedEvent } from '@bem/event-store';
import type { StoredEventLike } from '@bem/read-models';

/** A department as the hierarchy knows it (RegisterDepartment.parentCode: province -> city -> county). */
export interface RegionDepartment {
  code: string;
  name: string;
  level?: string;
  parentCode?: string;
}

/** A department of a region with its depth below the region's root (0 = the root). */
export interface RegionUnit extends RegionDepartment {
  depth: number;
}

export interface ProgramProject {
  projectId: string;
  departmentCode: string;
  fiscalYear: number;
  name: string;
  programCode?: string;
}

const BATCH = 10_000;
/** What the index keeps in memory: who is who. Money is read per project when a view asks for it. */
const REGISTRATIONS = ['DepartmentRegistered', 'ProjectRegistered'] as const;
const REGISTRATION_TYPES: ReadonlySet<string> = new Set(REGISTRATIONS);

/**
 * The hierarchy of departments and the projects (with their 转移支付 program), caught up incrementally from the
 * registrations in the log; the program (转移支付) ledgers of projects are folded from their streams when a view
 * asks for them, so a process holds no copy of every money movement. Read-only: it never appends.
 */
export class RegionIndex {
  private checkpoint = 0;
  private readonly departments = new Map<string, RegionDepartment>();
  private readonly children = new Map<string, string[]>();
  private readonly projects = new Map<string, ProgramProject>();

  constructor(private readonly store: EventStore) {}

  async catchUp(): Promise<void> {
    // Everything up to the head is committed: past the last registration, the next read starts at the head.
    const head = await this.store.headPosition();
    for (;;) {
      const events = await this.store.readAll({ fromPosition: this.checkpoint, limit: BATCH, types: REGISTRATIONS });
      if (events.length === 0) break;
      this.apply(events);
    }
    this.checkpoint = Math.max(this.checkpoint, head);
  }

  apply(events: readonly StoredEventLike[]): void {
    for (const event of events) {
      if (event.position <= this.checkpoint) continue;
      this.applyOne(event);
      this.checkpoint = event.position;
    }
  }

  /** The ledgers of these projects (the domain's one fold), read from their streams now; unknown ids get an empty ledger. */
  async ledgers(projectIds: Iterable<string>, view: LedgerView = {}): Promise<Ledgers> {
    const ledgers = await readProjectLedgers(this.store, projectIds, view);
    return { get: (projectId) => ledgers.get(projectId) ?? initialLedger() };
  }

  /** A project's own events (its texts and the notes beside its actuals, which the ledger fold does not keep). */
  async projectEvents(projectId: string): Promise<readonly RecordedEvent[]> {
    return this.store.readStream(projectStream(projectId));
  }

  department(code: string): RegionDepartment | undefined {
    return this.departments.get(code);
  }

  /** The department and all its descendants, depth-first in registration order (the root first). */
  subtree(code: string): RegionUnit[] {
    const units: RegionUnit[] = [];
    const visit = (current: string, depth: number) => {
      const department = this.departments.get(current);
      if (!department) return;
      units.push({ ...department, depth });
      for (const child of this.children.get(current) ?? []) visit(child, depth + 1);
    };
    visit(code, 0);
    return units;
  }

  project(projectId: string): ProgramProject | undefined {
    return this.projects.get(projectId);
  }

  /** Projects of a program in a fiscal year, of the given departments. */
  programProjects(programCode: string, fiscalYear: number, departments: ReadonlySet<string>): ProgramProject[] {
    return [...this.projects.values()].filter((p) => p.programCode === programCode && p.fiscalYear === fiscalYear && departments.has(p.departmentCode));
  }

  /** Every project of a department's fiscal year, in registration order. */
  projectsOf(departmentCode: string, fiscalYear: number): ProgramProject[] {
    return [...this.projects.values()].filter((p) => p.departmentCode === departmentCode && p.fiscalYear === fiscalYear);
  }

  private applyOne(event: StoredEventLike): void {
    if (!REGISTRATION_TYPES.has(event.type)) return;
    const parsed = parseStoredEvent(event);
    if (parsed.type === 'DepartmentRegistered') {
      const data = parsed.data;
      this.departments.set(data.departmentCode, { code: data.departmentCode, name: data.name, level: data.level, parentCode: data.parentCode });
      if (data.parentCode) this.children.set(data.parentCode, [...(this.children.get(data.parentCode) ?? []), data.departmentCode]);
    } else if (parsed.type === 'ProjectRegistered') {
      const data = parsed.data;
      this.projects.set(data.projectId, { projectId: data.projectId, departmentCode: data.departmentCode, fiscalYear: data.fiscalYear, name: data.name, programCode: data.programCode });
    }
  }
}

/** Ledgers loaded for one view. */
export interface Ledgers {
  get(projectId: string): ProjectLedger;
}
