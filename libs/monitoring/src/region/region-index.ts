import { type EventData, applyActual, projectStream } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import type { StoredEventLike } from '../progress/progress-facts';

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

interface Dated {
  occurredOn: string;
  amount: string;
}

/** Every money movement of a project the program view needs, as recorded (amounts are 元 strings). */
export interface ProjectLedger {
  issued: (Dated & { source: string; basis: string; document?: string; allocationId?: string; carryForwardId?: string; fromProjectId?: string })[];
  adjusted: { occurredOn: string; delta: string }[];
  allocatedOut: (Dated & { toProjectId: string; source: string; document?: string; allocationId: string })[];
  arrived: (Dated & { source: string })[];
  payments: Map<string, Dated & { source?: string }>;
  reversed: (Dated & { paymentId: string })[];
  carried: (Dated & { toProjectId: string })[];
  cancelled: Dated[];
  indicators: Map<string, { indicatorId: string; level1: string; level2: string; name: string; target: string; actual: string | null; actualOn: string | null }>;
}

const emptyLedger = (): ProjectLedger => ({
  issued: [],
  adjusted: [],
  allocatedOut: [],
  arrived: [],
  payments: new Map(),
  reversed: [],
  carried: [],
  cancelled: [],
  indicators: new Map(),
});

const BATCH = 10_000;
/** What the index keeps in memory: who is who. Money is read per project when a view asks for it. */
const REGISTRATIONS = ['DepartmentRegistered', 'ProjectRegistered'] as const;

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

  /** The program ledgers of these projects, folded from their streams now (unknown ids get an empty ledger). */
  async ledgers(projectIds: Iterable<string>): Promise<Ledgers> {
    const ledgers = new Map<string, ProjectLedger>();
    for (const projectId of new Set(projectIds)) {
      const ledger = emptyLedger();
      for (const event of await this.store.readStream(projectStream(projectId))) foldLedger(ledger, event);
      ledgers.set(projectId, ledger);
    }
    return { get: (projectId) => ledgers.get(projectId) ?? emptyLedger() };
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
    if (event.type === 'DepartmentRegistered') {
      const data = event.data as EventData<'DepartmentRegistered'>;
      this.departments.set(data.departmentCode, { code: data.departmentCode, name: data.name, level: data.level, parentCode: data.parentCode });
      if (data.parentCode) this.children.set(data.parentCode, [...(this.children.get(data.parentCode) ?? []), data.departmentCode]);
    } else if (event.type === 'ProjectRegistered') {
      const data = event.data as EventData<'ProjectRegistered'>;
      this.projects.set(data.projectId, { projectId: data.projectId, departmentCode: data.departmentCode, fiscalYear: data.fiscalYear, name: data.name, programCode: data.programCode });
    }
  }
}

/** Ledgers loaded for one view. */
export interface Ledgers {
  get(projectId: string): ProjectLedger;
}

/** Adds one event of a project's stream to its ledger. */
function foldLedger(ledger: ProjectLedger, event: StoredEventLike): void {
  switch (event.type) {
    case 'BudgetIssued':
      ledger.issued.push(event.data as EventData<'BudgetIssued'>);
      return;
    case 'BudgetAdjusted': {
      const data = event.data as EventData<'BudgetAdjusted'>;
      ledger.adjusted.push({ occurredOn: data.occurredOn, delta: data.delta });
      return;
    }
    case 'BudgetAllocated':
      ledger.allocatedOut.push(event.data as EventData<'BudgetAllocated'>);
      return;
    case 'FundsArrived':
      ledger.arrived.push(event.data as EventData<'FundsArrived'>);
      return;
    case 'PaymentMade': {
      const data = event.data as EventData<'PaymentMade'>;
      ledger.payments.set(data.paymentId, { occurredOn: data.occurredOn, amount: data.amount, source: data.source });
      return;
    }
    case 'PaymentReversed': {
      const data = event.data as EventData<'PaymentReversed'>;
      ledger.reversed.push({ occurredOn: data.occurredOn, amount: data.amount, paymentId: data.paymentId });
      return;
    }
    case 'BalanceCarriedForward':
      ledger.carried.push(event.data as EventData<'BalanceCarriedForward'>);
      return;
    case 'BalanceCancelled':
      ledger.cancelled.push(event.data as EventData<'BalanceCancelled'>);
      return;
    case 'IndicatorSet': {
      const data = event.data as EventData<'IndicatorSet'>;
      const previous = ledger.indicators.get(data.indicatorId);
      ledger.indicators.set(data.indicatorId, { indicatorId: data.indicatorId, level1: data.level1, level2: data.level2, name: data.name, target: data.target, actual: previous?.actual ?? null, actualOn: previous?.actualOn ?? null });
      return;
    }
    case 'IndicatorActualRecorded': {
      const data = event.data as EventData<'IndicatorActualRecorded'>;
      const indicator = ledger.indicators.get(data.indicatorId);
      applyActual(indicator, data);
      return;
    }
    default:
      return;
  }
}
