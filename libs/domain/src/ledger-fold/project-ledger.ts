import { fenOf } from '../shared/fen';
import type { DomainEvent, EventData } from '../ledger/events';
import { replacesActual } from '../indicators/latest-actual';
import { movementOf } from './movement';

/** A stored project event as the fold reads it: parsed, with its id (evidence) and booking instant (known-at). */
export type LedgerEvent = DomainEvent & { id: string; recordedAt: string };

/** The sums the fold keeps, in integer fen; every figure a read model, rule, view or report needs of one project. */
export const LEDGER_FIGURES = [
  /** 年初预算: initial + carryover issuances */ 'budgetInitial',
  /** 全年预算 / 调整预算: every issuance and adjustment, less 分解下达 to units below */ 'budgetCurrent',
  /** 到位 */ 'arrived',
  /** 执行数: payments net of reversals */ 'paid',
  /** 追加: supplementary issuances and increases */ 'supplementary',
  /** 调减 / 追减 / 注销 adjustments, as a positive amount */ 'decreased',
  /** 调剂 in (the transfer-in side of each pair, so a pair counts once) */ 'transferredIn',
  /** 调剂 out, as a positive amount */ 'transferredOut',
  /** Σ |调整| + 追加 issuances: every change after the opening budget (编制准确, large-adjustment rule) */ 'changes',
  /** 分解下达 to units below */ 'allocatedOut',
  /** received by 分解下达 from the level above */ 'received',
  /** 上年结转 issuances */ 'carriedIn',
  /** 结转 to next year */ 'carriedForward',
  /** 年末注销 / 收回 of the balance */ 'balanceCancelled',
  /** 政府采购预算 (and its part in the opening budget) */ 'procurementBudget', 'procurementBudgetInitial',
  /** 三公经费预算 */ 'threePublicBudget', 'threePublicBudgetInitial',
  /** 公用经费 budget of a public basic line */ 'publicBudgetInitial', 'publicBudgetCurrent',
  /** payments flagged 政府采购 / 资产购置 / 公用经费 / 三公经费 */ 'procurementPaid', 'assetPaid', 'publicPaid', 'threePublicPaid',
  'threePublic.overseas', 'threePublic.vehicle', 'threePublic.reception',
  /** payments that name no fund source (charged by the attribution rules in fund-attribution.ts) */ 'unattributedPaid',
] as const;
export type LedgerFigure = (typeof LEDGER_FIGURES)[number];

/** One fund source's figures: arranged = issued + adjustments charged to it − 分解下达 of it. */
export interface SourceFigures {
  arranged: bigint;
  initial: bigint;
  arrived: bigint;
  /** payments naming this source, net of reversals */
  paid: bigint;
  /** every event behind any of the four */
  evidence: string[];
  /** the issuances, adjustments and 分解下达 behind `arranged` */
  arrangedEvidence: string[];
  /** the payments and reversals behind `paid` */
  paidEvidence: string[];
}

export interface LedgerPayment {
  eventId: string;
  data: EventData<'PaymentMade'>;
  /** fen still standing (amount − reversals) */
  standing: bigint;
  /** the reversals of it, in order */
  reversalIds: string[];
}

export interface IndicatorRecord {
  indicatorId: string;
  set: EventData<'IndicatorSet'>;
  setEventId: string;
  /** latest actual by its own date (latest-actual.ts) */
  actual: string | null;
  actualOn: string | null;
  actualEventId: string | null;
}

export interface Dated<T> {
  eventId: string;
  data: T;
}

export interface ProjectLedger {
  registration: EventData<'ProjectRegistered'> | null;
  /** fund source of the first issuance: adjustments (and, by fund-attribution.ts, unsourced payments) are charged to it */
  mainSource: string | null;
  figures: Record<LedgerFigure, bigint>;
  /** event ids behind each figure */
  evidence: Partial<Record<LedgerFigure, string[]>>;
  bySource: Map<string, SourceFigures>;
  issuances: Dated<EventData<'BudgetIssued'>>[];
  adjustments: Dated<EventData<'BudgetAdjusted'>>[];
  allocations: Dated<EventData<'BudgetAllocated'>>[];
  arrivals: Dated<EventData<'FundsArrived'>>[];
  carriedForward: Dated<EventData<'BalanceCarriedForward'>>[];
  cancellations: Dated<EventData<'BalanceCancelled'>>[];
  payments: Map<string, LedgerPayment>;
  indicators: Map<string, IndicatorRecord>;
  firstBudgetOn: string | null;
  lastPaymentOn: string | null;
  lastArrivalOn: string | null;
  /** payments recorded above the available budget under a `warn` overspend policy, with the figures then */
  overspentPayments: Dated<EventData<'PaymentMade'>>[];
  closedOn: string | null;
}

export function initialLedger(): ProjectLedger {
  return {
    registration: null, mainSource: null,
    figures: Object.fromEntries(LEDGER_FIGURES.map((figure) => [figure, 0n])) as Record<LedgerFigure, bigint>,
    evidence: {}, bySource: new Map(), issuances: [], adjustments: [], allocations: [], arrivals: [], carriedForward: [], cancellations: [],
    payments: new Map(), indicators: new Map(), firstBudgetOn: null, lastPaymentOn: null, lastArrivalOn: null, overspentPayments: [], closedOn: null,
  };
}

function add(ledger: ProjectLedger, figure: LedgerFigure, fen: bigint, eventId: string): void {
  ledger.figures[figure] += fen;
  (ledger.evidence[figure] ??= []).push(eventId);
}

function source(ledger: ProjectLedger, name: string): SourceFigures {
  let found = ledger.bySource.get(name);
  if (!found) ledger.bySource.set(name, (found = { arranged: 0n, initial: 0n, arrived: 0n, paid: 0n, evidence: [], arrangedEvidence: [], paidEvidence: [] }));
  return found;
}

const isPublicLine = (ledger: ProjectLedger) => ledger.registration?.kind === 'basic' && ledger.registration.basicClass === 'public';
const abs = (fen: bigint) => (fen < 0n ? -fen : fen);

/** Adds one event to the ledger (mutates it; the fold owns its ledger). Events that move nothing are ignored. */
export function evolveLedger(ledger: ProjectLedger, event: LedgerEvent): ProjectLedger {
  const moved = movementOf(event);
  if (moved) {
    if (moved.budgetInitial) add(ledger, 'budgetInitial', moved.budgetInitial, event.id);
    if (moved.budgetCurrent) add(ledger, 'budgetCurrent', moved.budgetCurrent, event.id);
    if (moved.arrived) add(ledger, 'arrived', moved.arrived, event.id);
    if (moved.paid) add(ledger, 'paid', moved.paid, event.id);
    if (moved.changes) add(ledger, 'changes', moved.changes, event.id);
  }
  switch (event.type) {
    case 'ProjectRegistered':
      ledger.registration = event.data;
      break;
    case 'BudgetIssued':
      issued(ledger, event.data, event.id);
      break;
    case 'BudgetAdjusted':
      adjusted(ledger, event.data, event.id);
      break;
    case 'BudgetAllocated': {
      const amount = fenOf(event.data.amount);
      add(ledger, 'allocatedOut', amount, event.id);
      const from = source(ledger, event.data.source);
      from.arranged -= amount;
      from.evidence.push(event.id);
      from.arrangedEvidence.push(event.id);
      ledger.allocations.push({ eventId: event.id, data: event.data });
      break;
    }
    case 'FundsArrived': {
      const to = source(ledger, event.data.source);
      to.arrived += fenOf(event.data.amount);
      to.evidence.push(event.id);
      ledger.arrivals.push({ eventId: event.id, data: event.data });
      if (ledger.lastArrivalOn === null || event.data.occurredOn > ledger.lastArrivalOn) ledger.lastArrivalOn = event.data.occurredOn;
      break;
    }
    case 'PaymentMade':
      ledger.payments.set(event.data.paymentId, { eventId: event.id, data: event.data, standing: fenOf(event.data.amount), reversalIds: [] });
      paymentMoves(ledger, event.data, fenOf(event.data.amount), event.id);
      if (ledger.lastPaymentOn === null || event.data.occurredOn > ledger.lastPaymentOn) ledger.lastPaymentOn = event.data.occurredOn;
      if (event.data.overspend) ledger.overspentPayments.push({ eventId: event.id, data: event.data });
      break;
    case 'PaymentReversed': {
      const payment = ledger.payments.get(event.data.paymentId);
      if (!payment) break;
      const amount = fenOf(event.data.amount);
      payment.standing -= amount;
      payment.reversalIds.push(event.id);
      paymentMoves(ledger, payment.data, -amount, event.id);
      break;
    }
    case 'BalanceCarriedForward':
      add(ledger, 'carriedForward', fenOf(event.data.amount), event.id);
      ledger.carriedForward.push({ eventId: event.id, data: event.data });
      break;
    case 'BalanceCancelled':
      add(ledger, 'balanceCancelled', fenOf(event.data.amount), event.id);
      ledger.cancellations.push({ eventId: event.id, data: event.data });
      break;
    case 'IndicatorSet': {
      const previous = ledger.indicators.get(event.data.indicatorId);
      ledger.indicators.set(event.data.indicatorId, {
        indicatorId: event.data.indicatorId, set: event.data, setEventId: event.id,
        actual: previous?.actual ?? null, actualOn: previous?.actualOn ?? null, actualEventId: previous?.actualEventId ?? null,
      });
      break;
    }
    case 'IndicatorActualRecorded': {
      const indicator = ledger.indicators.get(event.data.indicatorId);
      if (indicator && replacesActual(indicator, event.data)) {
        indicator.actual = event.data.value;
        indicator.actualOn = event.data.occurredOn;
        indicator.actualEventId = event.id;
      }
      break;
    }
    case 'ProjectClosed':
      ledger.closedOn = event.data.occurredOn;
      break;
    default:
  }
  return ledger;
}

function issued(ledger: ProjectLedger, data: EventData<'BudgetIssued'>, id: string): void {
  const amount = fenOf(data.amount);
  ledger.mainSource ??= data.source;
  const to = source(ledger, data.source);
  to.arranged += amount;
  to.evidence.push(id);
  to.arrangedEvidence.push(id);
  const initial = data.basis !== 'supplementary';
  if (initial) to.initial += amount;
  else {
    add(ledger, 'supplementary', amount, id);
  }
  if (data.basis === 'carryover') add(ledger, 'carriedIn', amount, id);
  if (data.allocationId) add(ledger, 'received', amount, id);
  if (data.procurementAmount) {
    add(ledger, 'procurementBudget', fenOf(data.procurementAmount), id);
    if (initial) add(ledger, 'procurementBudgetInitial', fenOf(data.procurementAmount), id);
  }
  if (data.threePublicAmount) {
    add(ledger, 'threePublicBudget', fenOf(data.threePublicAmount), id);
    if (initial) add(ledger, 'threePublicBudgetInitial', fenOf(data.threePublicAmount), id);
  }
  if (isPublicLine(ledger)) {
    add(ledger, 'publicBudgetCurrent', amount, id);
    if (initial) add(ledger, 'publicBudgetInitial', amount, id);
  }
  ledger.issuances.push({ eventId: id, data });
  if (ledger.firstBudgetOn === null || data.occurredOn < ledger.firstBudgetOn) ledger.firstBudgetOn = data.occurredOn;
}

function adjusted(ledger: ProjectLedger, data: EventData<'BudgetAdjusted'>, id: string): void {
  const delta = fenOf(data.delta);
  // An adjustment names no fund source: it is charged to the project's main source (that of its first issuance).
  const to = source(ledger, ledger.mainSource ?? 'own');
  to.arranged += delta;
  to.evidence.push(id);
  to.arrangedEvidence.push(id);
  if (isPublicLine(ledger)) add(ledger, 'publicBudgetCurrent', delta, id);
  if (data.kind === 'transfer-in') add(ledger, 'transferredIn', delta, id);
  else if (data.kind === 'transfer-out') add(ledger, 'transferredOut', abs(delta), id);
  else if (data.kind === 'increase') add(ledger, 'supplementary', delta, id);
  else add(ledger, 'decreased', abs(delta), id);
  ledger.adjustments.push({ eventId: id, data });
}

/** A payment (signed +) or its reversal (signed −): the flagged and per-source figures. */
function paymentMoves(ledger: ProjectLedger, payment: EventData<'PaymentMade'>, fen: bigint, id: string): void {
  if (payment.source) {
    const to = source(ledger, payment.source);
    to.paid += fen;
    to.evidence.push(id);
    to.paidEvidence.push(id);
  } else add(ledger, 'unattributedPaid', fen, id);
  if (payment.procurement) add(ledger, 'procurementPaid', fen, id);
  if (payment.assetPurchase) add(ledger, 'assetPaid', fen, id);
  if (payment.threePublic) {
    add(ledger, 'threePublicPaid', fen, id);
    add(ledger, `threePublic.${payment.threePublic}`, fen, id);
  }
  if (payment.publicExpense || isPublicLine(ledger)) add(ledger, 'publicPaid', fen, id);
}
