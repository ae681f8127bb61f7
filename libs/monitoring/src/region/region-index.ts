import type { EventData } from '@bem/domain';
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

/**
 * The hierarchy of departments and the program (转移支付) ledgers of projects, folded from the log in memory and
 * caught up incrementally (a process keeps it; the CLI folds once per call). Read-only: it never appends.
 */
export class RegionIndex {
  private checkpoint = 0;
  private readonly departments = new Map<string, RegionDepartment>();
  private readonly children = new Map<string, string[]>();
  private readonly projects = new Map<string, ProgramProject>();
  private readonly ledgers = new Map<string, ProjectLedger>();

  constructor(private readonly store: EventStore) {}

  async catchUp(): Promise<void> {
    for (;;) {
      const events = await this.store.readAll({ fromPosition: this.checkpoint, limit: BATCH });
      if (events.length === 0) return;
      this.apply(events);
    }
  }

  apply(events: readonly StoredEventLike[]): void {
    for (const event of events) {
      if (event.position <= this.checkpoint) continue;
      this.applyOne(event);
      this.checkpoint = event.position;
    }
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

  ledger(projectId: string): ProjectLedger {
    return this.ledgers.get(projectId) ?? emptyLedger();
  }

  private ledgerOf(projectId: string): ProjectLedger {
    let ledger = this.ledgers.get(projectId);
    if (!ledger) {
      ledger = emptyLedger();
      this.ledgers.set(projectId, ledger);
    }
    return ledger;
  }

  private applyOne(event: StoredEventLike): void {
    switch (event.type) {
      case 'DepartmentRegistered': {
        const data = event.data as EventData<'DepartmentRegistered'>;
        this.departments.set(data.departmentCode, { code: data.departmentCode, name: data.name, level: data.level, parentCode: data.parentCode });
        if (data.parentCode) this.children.set(data.parentCode, [...(this.children.get(data.parentCode) ?? []), data.departmentCode]);
        return;
      }
      case 'ProjectRegistered': {
        const data = event.data as EventData<'ProjectRegistered'>;
        this.projects.set(data.projectId, { projectId: data.projectId, departmentCode: data.departmentCode, fiscalYear: data.fiscalYear, name: data.name, programCode: data.programCode });
        return;
      }
      case 'BudgetIssued': {
        const data = event.data as EventData<'BudgetIssued'>;
        this.ledgerOf(data.projectId).issued.push(data);
        return;
      }
      case 'BudgetAdjusted': {
        const data = event.data as EventData<'BudgetAdjusted'>;
        this.ledgerOf(data.projectId).adjusted.push({ occurredOn: data.occurredOn, delta: data.delta });
        return;
      }
      case 'BudgetAllocated': {
        const data = event.data as EventData<'BudgetAllocated'>;
        this.ledgerOf(data.projectId).allocatedOut.push(data);
        return;
      }
      case 'FundsArrived': {
        const data = event.data as EventData<'FundsArrived'>;
        this.ledgerOf(data.projectId).arrived.push(data);
        return;
      }
      case 'PaymentMade': {
        const data = event.data as EventData<'PaymentMade'>;
        this.ledgerOf(data.projectId).payments.set(data.paymentId, { occurredOn: data.occurredOn, amount: data.amount, source: data.source });
        return;
      }
      case 'PaymentReversed': {
        const data = event.data as EventData<'PaymentReversed'>;
        this.ledgerOf(data.projectId).reversed.push({ occurredOn: data.occurredOn, amount: data.amount, paymentId: data.paymentId });
        return;
      }
      case 'BalanceCarriedForward': {
        const data = event.data as EventData<'BalanceCarriedForward'>;
        this.ledgerOf(data.projectId).carried.push(data);
        return;
      }
      case 'BalanceCancelled': {
        const data = event.data as EventData<'BalanceCancelled'>;
        this.ledgerOf(data.projectId).cancelled.push(data);
        return;
      }
      case 'IndicatorSet': {
        const data = event.data as EventData<'IndicatorSet'>;
        if (!data.projectId) return;
        const indicators = this.ledgerOf(data.projectId).indicators;
        const previous = indicators.get(data.indicatorId);
        indicators.set(data.indicatorId, { indicatorId: data.indicatorId, level1: data.level1, level2: data.level2, name: data.name, target: data.target, actual: previous?.actual ?? null, actualOn: previous?.actualOn ?? null });
        return;
      }
      case 'IndicatorActualRecorded': {
        const data = event.data as EventData<'IndicatorActualRecorded'>;
        const indicator = data.projectId ? this.ledgerOf(data.projectId).indicators.get(data.indicatorId) : undefined;
        if (indicator && (indicator.actualOn === null || data.occurredOn >= indicator.actualOn)) {
          indicator.actual = data.value;
          indicator.actualOn = data.occurredOn;
        }
        return;
      }
      default:
        return;
    }
  }
}
