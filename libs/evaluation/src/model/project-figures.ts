import {
  type EventData, type FundSource, type LedgerEvent, type LedgerFigure, type ProjectLedger, type TracedFen, Money, foldProjectLedger, fundRowsOf,
  paidBySourceChargingMain, parseDomainEvents, yuanOfFen,
} from '@bem/domain';
import type { RecordedEvent } from '@bem/event-store';
import { type FundRow, M, Measures, fundRowMeasure, namedFundMeasure, sourceArranged, sourceUsed, threePublicMeasure } from './measures';

/** One project of the year with its measures and its adjustments (for the findings and the 自评表). */
export interface ProjectFigures {
  projectId: string;
  name: string;
  fiscalYear: number;
  kind: 'basic' | 'project';
  basicClass?: 'personnel' | 'public';
  /** the 基础数据表 subtotal this 项目支出 counts under (RegisterProject.category) */
  category?: string;
  /** 功能分类科目 (RegisterProject.functionalCode) */
  functionalCode?: string;
  /** Fund source of the first issuance: adjustments and unsourced payments are charged to it */
  mainSource: FundSource;
  /** 项目资金 row of the first issuance: adjustments are charged to it */
  mainRow: FundRow;
  /** named funds (IssueBudget.fund) in the order they first appear, with their row */
  namedFunds: { fund: string; row: FundRow }[];
  measures: Measures;
  adjustments: { eventId: string; occurredOn: string; kind: string; delta: string; reason: string }[];
  indicators: IndicatorFacts[];
}

/** An indicator of a project (or of the department) with its latest actual by the one latest-actual rule. */
export interface IndicatorFacts {
  indicatorId: string;
  projectId: string | null;
  set: { id: string; data: EventData<'IndicatorSet'> };
  actual: { id: string; data: { value: string; occurredOn: string } } | null;
}

/** The evaluation's measure of each figure of the project-ledger fold (libs/domain/src/ledger-fold). */
const FOLDED: [string, LedgerFigure][] = [
  [M.initial, 'budgetInitial'], [M.current, 'budgetCurrent'], [M.paid, 'paid'], [M.arrived, 'arrived'],
  [M.supplementary, 'supplementary'], [M.decreased, 'decreased'], [M.transferred, 'transferredIn'],
  [M.procurementBudget, 'procurementBudget'], [M.procurementBudgetInitial, 'procurementBudgetInitial'], [M.procurementPaid, 'procurementPaid'],
  [M.threePublicBudget, 'threePublicBudget'], [M.threePublicBudgetInitial, 'threePublicBudgetInitial'], [M.threePublicPaid, 'threePublicPaid'],
  [threePublicMeasure('overseas'), 'threePublic.overseas'], [threePublicMeasure('vehicle'), 'threePublic.vehicle'], [threePublicMeasure('reception'), 'threePublic.reception'],
  [M.assetPaid, 'assetPaid'], [M.publicPaid, 'publicPaid'], [M.publicBudgetInitial, 'publicBudgetInitial'], [M.publicBudgetCurrent, 'publicBudgetCurrent'],
];

/** A project's stream as of a date, through the one project-ledger fold: its year-end measures for the reports. */
export function projectFigures(stored: readonly RecordedEvent[], asOf: string): ProjectFigures | null {
  const ledger = foldProjectLedger(parseDomainEvents(stored) as LedgerEvent[], { asOf });
  const info = ledger.registration;
  if (!info) return null;
  const rows = fundRowsOf(ledger);
  return {
    projectId: info.projectId, name: info.name, fiscalYear: info.fiscalYear, kind: info.kind, basicClass: info.basicClass, category: info.category, functionalCode: info.functionalCode,
    mainSource: (ledger.mainSource ?? 'own') as FundSource, mainRow: rows.mainRow,
    namedFunds: rows.named.map(({ fund, row }) => ({ fund, row })),
    measures: measuresOf(ledger),
    adjustments: adjustmentsOf(ledger),
    indicators: [...ledger.indicators.values()].map((indicator) => ({
      indicatorId: indicator.indicatorId, projectId: info.projectId, set: { id: indicator.setEventId, data: indicator.set },
      actual: indicator.actualEventId === null ? null : { id: indicator.actualEventId, data: { value: indicator.actual ?? '', occurredOn: indicator.actualOn ?? '' } },
    })),
  };
}

function measuresOf(ledger: ProjectLedger): Measures {
  const measures = new Measures();
  const put = (name: string, { fen, evidence }: TracedFen) => measures.record(name, new Money(yuanOfFen(fen)), evidence);
  for (const [name, figure] of FOLDED) put(name, { fen: ledger.figures[figure], evidence: ledger.evidence[figure] ?? [] });
  const main = ledger.mainSource ?? 'own';
  const used = paidBySourceChargingMain(ledger);
  for (const [source, figures] of ledger.bySource) put(sourceArranged(source), { fen: figures.arranged, evidence: figures.arrangedEvidence });
  for (const [source, fen] of used) {
    const named = ledger.bySource.get(source)?.paidEvidence ?? [];
    put(sourceUsed(source), { fen, evidence: source === main ? [...named, ...(ledger.evidence.unattributedPaid ?? [])] : named });
  }
  const rows = fundRowsOf(ledger);
  for (const row of ['current', 'carryover', 'other'] as const) {
    put(fundRowMeasure(row, 'initial'), rows.budget[row].initial);
    put(fundRowMeasure(row, 'full'), rows.budget[row].full);
  }
  put(M.fiscalPaid, rows.executed.fiscal);
  // 上年结转 of a non-fiscal source: the 年初结转和结余 that is no 财政拨款 (部门决算 tables)
  const otherCarried = ledger.issuances.filter(({ data }) => data.basis === 'carryover' && data.source === 'other');
  if (otherCarried.length) measures.record(M.otherCarryover, otherCarried.reduce((sum, { data }) => sum.plus(data.amount), new Money(0)), otherCarried.map(({ eventId }) => eventId));
  put(fundRowMeasure('other', 'executed'), rows.executed.other);
  for (const named of rows.named) {
    put(namedFundMeasure(named.fund, 'initial'), named.initial);
    put(namedFundMeasure(named.fund, 'full'), named.full);
  }
  return measures;
}

/** Every change after the opening budget, by date: 追加 issuances, adjustments, 分解下达 to units below. */
function adjustmentsOf(ledger: ProjectLedger): ProjectFigures['adjustments'] {
  return [
    ...ledger.issuances.filter(({ data }) => data.basis === 'supplementary')
      .map(({ eventId, data }) => ({ eventId, occurredOn: data.occurredOn, kind: 'supplementary', delta: data.amount, reason: data.document ?? '追加下达' })),
    ...ledger.adjustments.map(({ eventId, data }) => ({ eventId, occurredOn: data.occurredOn, kind: data.kind as string, delta: data.delta, reason: data.reason })),
    ...ledger.allocations.map(({ eventId, data }) => ({ eventId, occurredOn: data.occurredOn, kind: 'allocation', delta: `-${data.amount}`, reason: data.document ?? `分解下达至 ${data.toProjectId}` })),
  ].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
}
