import { type DomainEvent, type EventData, type FundSource, countsIn, parseDomainEvents, replacesActual } from '@bem/domain';
import type { RecordedEvent } from '@bem/event-store';
import { type FundRow, M, Measures, fundRowMeasure, fundRowOf, namedFundMeasure, sourceArranged, sourceUsed, threePublicMeasure } from './measures';

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

export interface IndicatorFacts {
  indicatorId: string;
  projectId: string | null;
  set: RecordedEvent & { data: EventData<'IndicatorSet'> };
  actual: (RecordedEvent & { data: EventData<'IndicatorActualRecorded'> }) | null;
}

type Payment = EventData<'PaymentMade'>;
type ParsedEvent = DomainEvent & Omit<RecordedEvent, 'type' | 'data'>;

/** Folds a project stream into its year-end measures (facts dated up to asOf). */
export function projectFigures(stored: readonly RecordedEvent[], asOf: string): ProjectFigures | null {
  const events = parseDomainEvents(stored);
  const registered = events.find((event) => event.type === 'ProjectRegistered');
  if (!registered) return null;
  const info = registered.data;
  const figures: ProjectFigures = {
    projectId: info.projectId, name: info.name, fiscalYear: info.fiscalYear, kind: info.kind, basicClass: info.basicClass, category: info.category, functionalCode: info.functionalCode,
    mainSource: 'own', mainRow: 'current', namedFunds: [], measures: new Measures(), adjustments: [], indicators: [],
  };
  const firstIssue = events.find((event) => event.type === 'BudgetIssued');
  if (firstIssue) {
    const data = firstIssue.data;
    figures.mainSource = data.source;
    figures.mainRow = fundRowOf(data.source, data.basis);
  }
  const payments = new Map<string, Payment>();
  const indicators = new Map<string, IndicatorFacts>();
  for (const event of events) {
    if (!countsIn(event, { asOf })) continue;
    if (event.type === 'PaymentMade') payments.set(event.data.paymentId, event.data);
    if (event.type === 'IndicatorSet') {
      indicators.set(event.data.indicatorId, { indicatorId: event.data.indicatorId, projectId: info.projectId, set: event, actual: null });
    } else if (event.type === 'IndicatorActualRecorded') {
      // One rule for the latest actual (the value dated latest wins), as everywhere.
      const facts = indicators.get(event.data.indicatorId);
      if (facts && (facts.actual === null || replacesActual({ actualOn: facts.actual.data.occurredOn }, event.data))) facts.actual = event;
    } else applyMoney(figures, event, payments);
  }
  figures.indicators = [...indicators.values()];
  return figures;
}

function applyMoney(figures: ProjectFigures, event: ParsedEvent, payments: Map<string, Payment>): void {
  const m = figures.measures;
  const id = event.id;
  const isPublic = figures.kind === 'basic' && figures.basicClass === 'public';
  switch (event.type) {
    case 'BudgetIssued': {
      const data = event.data;
      const initial = data.basis !== 'supplementary';
      m.add(M.current, data.amount, id);
      m.add(sourceArranged(data.source), data.amount, id);
      addFundRow(figures, data, id);
      if (data.basis === 'carryover' && data.source === 'other') m.add(M.otherCarryover, data.amount, id);
      if (initial) m.add(M.initial, data.amount, id);
      else {
        m.add(M.supplementary, data.amount, id);
        figures.adjustments.push({ eventId: id, occurredOn: data.occurredOn, kind: 'supplementary', delta: data.amount, reason: data.document ?? '追加下达' });
      }
      if (data.procurementAmount) {
        m.add(M.procurementBudget, data.procurementAmount, id);
        if (initial) m.add(M.procurementBudgetInitial, data.procurementAmount, id);
      }
      if (data.threePublicAmount) {
        m.add(M.threePublicBudget, data.threePublicAmount, id);
        if (initial) m.add(M.threePublicBudgetInitial, data.threePublicAmount, id);
      }
      if (isPublic) {
        m.add(M.publicBudgetCurrent, data.amount, id);
        if (initial) m.add(M.publicBudgetInitial, data.amount, id);
      }
      return;
    }
    case 'BudgetAdjusted': {
      const data = event.data;
      m.add(M.current, data.delta, id);
      m.add(sourceArranged(figures.mainSource), data.delta, id);
      m.add(fundRowMeasure(figures.mainRow, 'full'), data.delta, id);
      if (isPublic) m.add(M.publicBudgetCurrent, data.delta, id);
      if (data.kind === 'transfer-in') m.add(M.transferred, data.delta, id);
      else if (data.kind === 'increase') m.add(M.supplementary, data.delta, id);
      else if (data.kind === 'decrease' || data.kind === 'cancel') m.add(M.decreased, data.delta.replace(/^-/, ''), id);
      figures.adjustments.push({ eventId: id, occurredOn: data.occurredOn, kind: data.kind, delta: data.delta, reason: data.reason });
      return;
    }
    case 'BudgetAllocated': {
      // 分解下达 to a unit below: that unit reports the money, so this project's budget goes down by it.
      const data = event.data;
      m.add(M.current, `-${data.amount}`, id);
      m.add(sourceArranged(data.source), `-${data.amount}`, id);
      m.add(fundRowMeasure(figures.mainRow, 'full'), `-${data.amount}`, id);
      figures.adjustments.push({ eventId: id, occurredOn: data.occurredOn, kind: 'allocation', delta: `-${data.amount}`, reason: data.document ?? `分解下达至 ${data.toProjectId}` });
      return;
    }
    case 'FundsArrived':
      m.add(M.arrived, event.data.amount, id);
      return;
    case 'PaymentMade':
      addPayment(figures, event.data, '', id);
      return;
    case 'PaymentReversed': {
      const data = event.data;
      const original = payments.get(data.paymentId);
      if (original) addPayment(figures, { ...original, amount: data.amount }, '-', id);
      return;
    }
    default:
  }
}

function addPayment(figures: ProjectFigures, payment: Payment, sign: '' | '-', id: string): void {
  const m = figures.measures;
  const amount = `${sign}${payment.amount}`;
  m.add(M.paid, amount, id);
  m.add(sourceUsed(payment.source ?? figures.mainSource), amount, id);
  m.add(payment.source === 'other' ? fundRowMeasure('other', 'executed') : M.fiscalPaid, amount, id);
  if (payment.procurement) m.add(M.procurementPaid, amount, id);
  if (payment.assetPurchase) m.add(M.assetPaid, amount, id);
  if (payment.threePublic) {
    m.add(M.threePublicPaid, amount, id);
    m.add(threePublicMeasure(payment.threePublic), amount, id);
  }
  if (payment.publicExpense || (figures.kind === 'basic' && figures.basicClass === 'public')) m.add(M.publicPaid, amount, id);
}

/** 年初预算数 (issuances other than 追加) and 全年预算数 of the issuance's 项目资金 row, and of its named fund. */
function addFundRow(figures: ProjectFigures, data: EventData<'BudgetIssued'>, id: string): void {
  const m = figures.measures;
  const row = fundRowOf(data.source, data.basis);
  const initial = data.basis !== 'supplementary';
  m.add(fundRowMeasure(row, 'full'), data.amount, id);
  if (initial) m.add(fundRowMeasure(row, 'initial'), data.amount, id);
  if (!data.fund) return;
  if (!figures.namedFunds.some((named) => named.fund === data.fund)) figures.namedFunds.push({ fund: data.fund, row });
  m.add(namedFundMeasure(data.fund, 'full'), data.amount, id);
  if (initial) m.add(namedFundMeasure(data.fund, 'initial'), data.amount, id);
}
