import {
  parseDomainEvents,
  DomainError,
  type SourceGroup,
  SOURCE_GROUPS,
  adjustmentGroupOf,
  arrangedByGroup,
  formatFen,
  paidByGroup,
  percentOfFen,
  unknownDepartment,
} from '@bem/domain';
import { defaultAsOf } from '@bem/read-models';
import type { Ledgers, ProgramProject, RegionIndex } from './region-index';

export type { SourceGroup };
export const SOURCE_GROUP_LABELS: Record<SourceGroup, string> = { central: '中央补助', local: '地方资金', other: '其他资金' };

/** 全年预算数 (A) / 全年执行数 (B) / 执行率 (B/A). */
export interface BudgetLine {
  budget: string;
  executed: string;
  executionRate: string | null;
}

export interface ProgramUnit {
  departmentCode: string;
  name: string;
  parentCode: string | null;
  depth: number;
  projectIds: string[];
  /** received by 分解下达 from the level above */
  received: string;
  receivedOn: string | null;
  documents: string[];
  /** passed on to the level below */
  allocatedOut: string;
  /** own 全年预算数: issued (incl. received) + adjustments − allocated out */
  budget: string;
  arrived: string;
  arrivalRate: string | null;
  lastArrivalOn: string | null;
  executed: string;
  executionRate: string | null;
  balance: string;
  /** 上年结转 received into these projects */
  carriedIn: string;
  /** year boundary: 结转 to next year and 注销 */
  carriedForward: string;
  cancelled: string;
  /** funds that arrived after the year, on the projects this one was carried into (e.g. 犍为: allocated 2019, arrived 2020) */
  arrivedLater: { amount: string; lastOn: string | null; projectIds: string[] };
}

export interface ProgramAllocation {
  allocationId: string;
  fromProjectId: string;
  fromDepartment: string;
  toProjectId: string;
  toDepartment: string;
  occurredOn: string;
  amount: string;
  document: string | null;
}

/** The 转移支付区域（项目）绩效目标自评表 of a program over a region, plus the per-unit table. */
export interface ProgramView {
  programCode: string;
  name: string;
  department: { code: string; name: string };
  fiscalYear: number;
  asOf: string;
  /** 年度资金总额 and 其中 中央补助 / 地方资金 / 其他资金 */
  total: BudgetLine;
  bySource: Record<SourceGroup, BudgetLine>;
  arrived: string;
  arrivalRate: string | null;
  units: ProgramUnit[];
  allocations: ProgramAllocation[];
  /** 中央主管部门 / 实施单位 / 年度总体目标 as the office entered them on the program's root project (SetProjectText); null when not */
  texts: ProgramTexts;
  /** `reason`: 未完成原因和改进措施 recorded with the actual (RecordIndicatorActual.reason) */
  indicators: { projectId: string; indicatorId: string; level1: string; level2: string; name: string; target: string; actual: string | null; reason: string | null }[];
}

export interface ProgramTexts {
  centralDepartment: string | null;
  implementer: string | null;
  /** 年初设定目标 */
  goal: string | null;
  /** 全年实际完成情况 */
  outcome: string | null;
}

interface Acc {
  budget: Record<SourceGroup, bigint>;
  executed: Record<SourceGroup, bigint>;
}
const emptyAcc = (): Acc => ({ budget: { central: 0n, local: 0n, other: 0n }, executed: { central: 0n, local: 0n, other: 0n } });
const sumOf = (values: Record<SourceGroup, bigint>) => values.central + values.local + values.other;
const line = (budget: bigint, executed: bigint): BudgetLine => ({ budget: formatFen(budget), executed: formatFen(executed), executionRate: percentOfFen(executed, budget) });

export async function programView(index: RegionIndex, programCode: string, rootCode: string, fiscalYear: number, asOfRequest?: string): Promise<ProgramView> {
  await index.catchUp();
  const root = index.department(rootCode);
  if (!root) throw unknownDepartment(rootCode);
  const asOf = asOfRequest ?? defaultAsOf(fiscalYear);
  const tree = index.subtree(rootCode);
  const projects = index.programProjects(programCode, fiscalYear, new Set(tree.map((unit) => unit.code)));
  if (projects.length === 0) {
    throw new DomainError('UNKNOWN_PROGRAM', 'program', `${root.name} 辖区内没有 ${fiscalYear} 年度转移支付项目 ${programCode}`, `no project of program ${programCode} in ${fiscalYear} in the region of ${rootCode}`, { programCode, departmentCode: rootCode, fiscalYear });
  }
  const ids = projects.map((p) => p.projectId);
  const dated = await index.ledgers(ids, { asOf });
  // The year boundary (结转 / 注销) is shown whatever asOf: it closes the year.
  const whole = await index.ledgers(ids);
  // The next year's projects the balances were carried to (their arrivals close this year's picture).
  const carriedTo = await index.ledgers(projects.flatMap((p) => whole.get(p.projectId).carriedForward.map((carry) => carry.data.toProjectId)));
  const total = emptyAcc();
  let arrivedTotal = 0n;
  const units: ProgramUnit[] = [];
  const allocations: ProgramAllocation[] = [];
  for (const unit of tree) {
    const own = projects.filter((p) => p.departmentCode === unit.code);
    if (own.length === 0) continue;
    const acc = emptyAcc();
    let received = 0n;
    let allocatedOut = 0n;
    let arrived = 0n;
    let carriedIn = 0n;
    let carriedForward = 0n;
    let cancelled = 0n;
    let receivedOn: string | null = null;
    let lastArrivalOn: string | null = null;
    const documents: string[] = [];
    const later = { amount: 0n, lastOn: null as string | null, projectIds: [] as string[] };
    for (const project of own) {
      const ledger = dated.get(project.projectId);
      const full = whole.get(project.projectId);
      const projectBudget = arrangedByGroup(ledger, adjustmentGroupOf(full));
      const projectExecuted = paidByGroup(ledger, projectBudget);
      for (const group of SOURCE_GROUPS) {
        acc.budget[group] += projectBudget[group];
        acc.executed[group] += projectExecuted[group];
      }
      received += ledger.figures.received;
      carriedIn += ledger.figures.carriedIn;
      for (const { data: issue } of ledger.issuances) {
        if (!issue.allocationId) continue;
        if (receivedOn === null || issue.occurredOn < receivedOn) receivedOn = issue.occurredOn;
        if (issue.document && !documents.includes(issue.document)) documents.push(issue.document);
      }
      allocatedOut += ledger.figures.allocatedOut;
      for (const { data: out } of ledger.allocations) {
        allocations.push({
          allocationId: out.allocationId,
          fromProjectId: project.projectId,
          fromDepartment: unit.code,
          toProjectId: out.toProjectId,
          toDepartment: index.project(out.toProjectId)?.departmentCode ?? '',
          occurredOn: out.occurredOn,
          amount: out.amount,
          document: out.document ?? null,
        });
      }
      arrived += ledger.figures.arrived;
      if (ledger.lastArrivalOn && (lastArrivalOn === null || ledger.lastArrivalOn > lastArrivalOn)) lastArrivalOn = ledger.lastArrivalOn;
      carriedForward += full.figures.carriedForward;
      cancelled += full.figures.balanceCancelled;
      for (const { data: carry } of full.carriedForward) {
        const next = carriedTo.get(carry.toProjectId);
        later.amount += next.figures.arrived;
        if (next.lastArrivalOn && (later.lastOn === null || next.lastArrivalOn > later.lastOn)) later.lastOn = next.lastArrivalOn;
        if (!later.projectIds.includes(carry.toProjectId)) later.projectIds.push(carry.toProjectId);
      }
    }
    const budget = sumOf(acc.budget);
    const executed = sumOf(acc.executed);
    for (const group of SOURCE_GROUPS) {
      total.budget[group] += acc.budget[group];
      total.executed[group] += acc.executed[group];
    }
    arrivedTotal += arrived;
    units.push({
      departmentCode: unit.code,
      name: unit.name,
      parentCode: unit.parentCode ?? null,
      depth: unit.depth,
      projectIds: own.map((p) => p.projectId),
      received: formatFen(received),
      receivedOn,
      documents,
      allocatedOut: formatFen(allocatedOut),
      budget: formatFen(budget),
      arrived: formatFen(arrived),
      arrivalRate: percentOfFen(arrived, budget),
      lastArrivalOn,
      executed: formatFen(executed),
      executionRate: percentOfFen(executed, budget),
      balance: formatFen(budget - executed),
      carriedIn: formatFen(carriedIn),
      carriedForward: formatFen(carriedForward),
      cancelled: formatFen(cancelled),
      arrivedLater: { amount: formatFen(later.amount), lastOn: later.lastOn, projectIds: later.projectIds },
    });
  }
  const budget = sumOf(total.budget);
  const rootProjects = projects.filter((p) => p.departmentCode === rootCode);
  return {
    programCode,
    name: (rootProjects[0] ?? projects[0]).name,
    department: { code: root.code, name: root.name },
    fiscalYear,
    asOf,
    total: line(budget, sumOf(total.executed)),
    bySource: {
      central: line(total.budget.central, total.executed.central),
      local: line(total.budget.local, total.executed.local),
      other: line(total.budget.other, total.executed.other),
    },
    arrived: formatFen(arrivedTotal),
    arrivalRate: percentOfFen(arrivedTotal, budget),
    units,
    allocations,
    ...(await textsAndIndicators(index, whole, rootProjects)),
  };
}

const SECTIONS = ['centralDepartment', 'implementer', 'goal', 'outcome'] as const;

/** The root projects' texts (the latest per section) and indicators, each with the note recorded beside its latest actual. */
async function textsAndIndicators(index: RegionIndex, ledgers: Ledgers, projects: ProgramProject[]): Promise<Pick<ProgramView, 'texts' | 'indicators'>> {
  const texts: ProgramTexts = { centralDepartment: null, implementer: null, goal: null, outcome: null };
  const indicators: ProgramView['indicators'] = [];
  for (const project of projects) {
    const reasons = new Map<string, string>();
    for (const event of parseDomainEvents(await index.projectEvents(project.projectId))) {
      if (event.type === 'ProjectTextSet' && (SECTIONS as readonly string[]).includes(event.data.section)) texts[event.data.section as (typeof SECTIONS)[number]] = event.data.text;
      if (event.type === 'IndicatorActualRecorded' && event.data.reason) reasons.set(event.id, event.data.reason);
    }
    for (const { indicatorId, set, actual, actualEventId } of ledgers.get(project.projectId).indicators.values()) {
      indicators.push({ projectId: project.projectId, indicatorId, level1: set.level1, level2: set.level2, name: set.name, target: set.target, actual, reason: (actualEventId && reasons.get(actualEventId)) || null });
    }
  }
  return { texts, indicators };
}
