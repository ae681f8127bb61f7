import Decimal from 'decimal.js';
import { DomainError, ZERO, formatYuan, money, percent, unknownDepartment } from '@bem/domain';
import { defaultAsOf } from '../progress/progress-projection';
import type { Ledgers, ProgramProject, ProjectLedger, RegionIndex } from './region-index';

/** 中央 / 地方 / 其他 as the 转移支付区域绩效目标自评表 groups fund sources. */
export type SourceGroup = 'central' | 'local' | 'other';
export const SOURCE_GROUP_LABELS: Record<SourceGroup, string> = { central: '中央补助', local: '地方资金', other: '其他资金' };
const groupOf = (source: string | undefined): SourceGroup =>
  source === 'central' ? 'central' : source === 'other' || source === undefined ? 'other' : 'local';

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
  indicators: { projectId: string; indicatorId: string; level1: string; level2: string; name: string; target: string; actual: string | null }[];
}

interface Acc {
  budget: Record<SourceGroup, Decimal>;
  executed: Record<SourceGroup, Decimal>;
}
const emptyAcc = (): Acc => ({ budget: { central: ZERO, local: ZERO, other: ZERO }, executed: { central: ZERO, local: ZERO, other: ZERO } });
const sumOf = (values: Record<SourceGroup, Decimal>) => values.central.plus(values.local).plus(values.other);
const line = (budget: Decimal, executed: Decimal): BudgetLine => ({ budget: formatYuan(budget), executed: formatYuan(executed), executionRate: percent(executed, budget) });

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
  const ledgers = await index.ledgers(projects.map((p) => p.projectId));
  // The next year's projects the balances were carried to (their arrivals close this year's picture).
  const carriedTo = await index.ledgers(projects.flatMap((p) => ledgers.get(p.projectId).carried.map((carry) => carry.toProjectId)));
  const visible = <T extends { occurredOn: string }>(items: readonly T[]) => items.filter((item) => item.occurredOn <= asOf);
  const total = emptyAcc();
  let arrivedTotal: Decimal = ZERO;
  const units: ProgramUnit[] = [];
  const allocations: ProgramAllocation[] = [];
  for (const unit of tree) {
    const own = projects.filter((p) => p.departmentCode === unit.code);
    if (own.length === 0) continue;
    const acc = emptyAcc();
    let received: Decimal = ZERO;
    let allocatedOut: Decimal = ZERO;
    let arrived: Decimal = ZERO;
    let carriedIn: Decimal = ZERO;
    let carriedForward: Decimal = ZERO;
    let cancelled: Decimal = ZERO;
    let receivedOn: string | null = null;
    let lastArrivalOn: string | null = null;
    const documents: string[] = [];
    const later = { amount: ZERO as Decimal, lastOn: null as string | null, projectIds: [] as string[] };
    for (const project of own) {
      const ledger = ledgers.get(project.projectId);
      const defaultGroup = soleGroup(ledger);
      const projectBudget = emptyAcc().budget;
      let unattributed: Decimal = ZERO;
      for (const issue of visible(ledger.issued)) {
        const group = groupOf(issue.source);
        projectBudget[group] = projectBudget[group].plus(money(issue.amount));
        if (issue.allocationId) {
          received = received.plus(money(issue.amount));
          if (receivedOn === null || issue.occurredOn < receivedOn) receivedOn = issue.occurredOn;
          if (issue.document && !documents.includes(issue.document)) documents.push(issue.document);
        }
        if (issue.basis === 'carryover') carriedIn = carriedIn.plus(money(issue.amount));
      }
      for (const adjustment of visible(ledger.adjusted)) projectBudget[defaultGroup] = projectBudget[defaultGroup].plus(money(adjustment.delta));
      for (const out of visible(ledger.allocatedOut)) {
        const group = groupOf(out.source);
        projectBudget[group] = projectBudget[group].minus(money(out.amount));
        allocatedOut = allocatedOut.plus(money(out.amount));
        const target = index.project(out.toProjectId);
        allocations.push({
          allocationId: out.allocationId,
          fromProjectId: project.projectId,
          fromDepartment: unit.code,
          toProjectId: out.toProjectId,
          toDepartment: target?.departmentCode ?? '',
          occurredOn: out.occurredOn,
          amount: out.amount,
          document: out.document ?? null,
        });
      }
      for (const arrival of visible(ledger.arrived)) {
        arrived = arrived.plus(money(arrival.amount));
        if (lastArrivalOn === null || arrival.occurredOn > lastArrivalOn) lastArrivalOn = arrival.occurredOn;
      }
      const projectExecuted = emptyAcc().executed;
      for (const payment of visible([...ledger.payments.values()])) {
        if (payment.source) projectExecuted[groupOf(payment.source)] = projectExecuted[groupOf(payment.source)].plus(money(payment.amount));
        else unattributed = unattributed.plus(money(payment.amount));
      }
      for (const reversal of visible(ledger.reversed)) {
        const payment = ledger.payments.get(reversal.paymentId);
        if (payment?.source) projectExecuted[groupOf(payment.source)] = projectExecuted[groupOf(payment.source)].minus(money(reversal.amount));
        else unattributed = unattributed.minus(money(reversal.amount));
      }
      // A payment naming no source is charged to what is left of 中央, then 地方, then 其他 (transfer funds are spent first).
      for (const group of ['central', 'local', 'other'] as const) {
        const room = Decimal.max(projectBudget[group].minus(projectExecuted[group]), ZERO);
        const take = group === 'other' ? unattributed : Decimal.min(room, unattributed);
        projectExecuted[group] = projectExecuted[group].plus(take);
        unattributed = unattributed.minus(take);
      }
      for (const group of ['central', 'local', 'other'] as const) {
        acc.budget[group] = acc.budget[group].plus(projectBudget[group]);
        acc.executed[group] = acc.executed[group].plus(projectExecuted[group]);
      }
      // The year boundary is shown whatever asOf: it closes the year.
      for (const carry of ledger.carried) {
        carriedForward = carriedForward.plus(money(carry.amount));
        const next = carriedTo.get(carry.toProjectId);
        for (const arrival of next.arrived) {
          later.amount = later.amount.plus(money(arrival.amount));
          if (later.lastOn === null || arrival.occurredOn > later.lastOn) later.lastOn = arrival.occurredOn;
        }
        if (!later.projectIds.includes(carry.toProjectId)) later.projectIds.push(carry.toProjectId);
      }
      for (const cancel of ledger.cancelled) cancelled = cancelled.plus(money(cancel.amount));
    }
    const budget = sumOf(acc.budget);
    const executed = sumOf(acc.executed);
    for (const group of ['central', 'local', 'other'] as const) {
      total.budget[group] = total.budget[group].plus(acc.budget[group]);
      total.executed[group] = total.executed[group].plus(acc.executed[group]);
    }
    arrivedTotal = arrivedTotal.plus(arrived);
    units.push({
      departmentCode: unit.code,
      name: unit.name,
      parentCode: unit.parentCode ?? null,
      depth: unit.depth,
      projectIds: own.map((p) => p.projectId),
      received: formatYuan(received),
      receivedOn,
      documents,
      allocatedOut: formatYuan(allocatedOut),
      budget: formatYuan(budget),
      arrived: formatYuan(arrived),
      arrivalRate: percent(arrived, budget),
      lastArrivalOn,
      executed: formatYuan(executed),
      executionRate: percent(executed, budget),
      balance: formatYuan(budget.minus(executed)),
      carriedIn: formatYuan(carriedIn),
      carriedForward: formatYuan(carriedForward),
      cancelled: formatYuan(cancelled),
      arrivedLater: { amount: formatYuan(later.amount), lastOn: later.lastOn, projectIds: later.projectIds },
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
    arrived: formatYuan(arrivedTotal),
    arrivalRate: percent(arrivedTotal, budget),
    units,
    allocations,
    indicators: indicatorsOf(ledgers, rootProjects),
  };
}

/** A payment or adjustment that names no source is charged to the project's only source (else 其他). */
function soleGroup(ledger: ProjectLedger): SourceGroup {
  const groups = new Set(ledger.issued.map((issue) => groupOf(issue.source)));
  return groups.size === 1 ? [...groups][0] : 'other';
}

function indicatorsOf(ledgers: Ledgers, projects: ProgramProject[]): ProgramView['indicators'] {
  return projects.flatMap((project) =>
    [...ledgers.get(project.projectId).indicators.values()].map(({ indicatorId, level1, level2, name, target, actual }) => ({
      projectId: project.projectId,
      indicatorId,
      level1,
      level2,
      name,
      target,
      actual,
    })),
  );
}
