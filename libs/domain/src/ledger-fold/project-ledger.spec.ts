import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../ledger/events';
import { formatFen } from '../shared/fen';
import { budgetAdjusted, budgetIssued, paymentMade, paymentReversed, projectRegistered } from '../testing/builders';
import { chargeUnattributedInOrder, foldProjectLedger, fundRowsOf, foldProjectLedgerAt, paidBySourceChargingMain, type LedgerEvent, type LedgerFigure, type ProjectLedger } from '.';

/** Given these events (recorded one second apart from 2020-01-01), then these figures (元). */
let clock = 0;
const recorded = (event: DomainEvent, recordedAt?: string): LedgerEvent =>
  ({ ...event, id: `e${++clock}`, recordedAt: recordedAt ?? new Date(Date.UTC(2020, 0, 1) + clock * 1000).toISOString() }) as LedgerEvent;
const given = (...events: (DomainEvent | LedgerEvent)[]) => events.map((event) => ('id' in event ? (event as LedgerEvent) : recorded(event)));
const yuan = (ledger: ProjectLedger, figure: LedgerFigure) => formatFen(ledger.figures[figure]);

const sourced = (event: DomainEvent, source: string): DomainEvent => ({ ...event, data: { ...event.data, source } }) as DomainEvent;
const allocated = (amount: string, occurredOn = '2020-04-01'): DomainEvent => ({
  type: 'BudgetAllocated',
  data: { projectId: 'p1', toProjectId: 'c1', occurredOn, amount, source: 'central', allocationId: 'a1' },
});

describe('the project-ledger fold', () => {
  it('sums budget, arrivals and payments net of reversals, with the events behind each figure', () => {
    const events = given(projectRegistered(), budgetIssued('1000.00'), budgetIssued('200.50', '2020-05-01', 'supplementary'), paymentMade('pay-1', '300.00'), paymentReversed('pay-1', '300.00'), paymentMade('pay-2', '120.25'));
    const ledger = foldProjectLedger(events);
    expect(yuan(ledger, 'budgetInitial')).toBe('1000.00');
    expect(yuan(ledger, 'budgetCurrent')).toBe('1200.50');
    expect(yuan(ledger, 'supplementary')).toBe('200.50');
    expect(yuan(ledger, 'paid')).toBe('120.25');
    expect(ledger.evidence.paid).toEqual([events[3].id, events[4].id, events[5].id]);
    expect(ledger.payments.get('pay-1')?.standing).toBe(0n);
  });

  it('counts only facts dated on or before asOf, and the denominator is the budget as of that date', () => {
    const events = given(projectRegistered(), budgetIssued('1000.00'), paymentMade('pay-1', '400.00', '2020-06-15'), budgetIssued('1000.00', '2020-11-01', 'supplementary'));
    const june = foldProjectLedger(events, { asOf: '2020-06-30' });
    const year = foldProjectLedger(events, { asOf: '2020-12-31' });
    expect([yuan(june, 'paid'), yuan(june, 'budgetCurrent')]).toEqual(['400.00', '1000.00']);
    expect([yuan(year, 'paid'), yuan(year, 'budgetCurrent')]).toEqual(['400.00', '2000.00']);
    expect(foldProjectLedgerAt(events, [{ asOf: '2020-06-30' }, { asOf: '2020-12-31' }]).map((l) => yuan(l, 'budgetCurrent'))).toEqual(['1000.00', '2000.00']);
  });

  it('known at an instant ignores what was recorded later, even when dated earlier', () => {
    const events = given(projectRegistered(), budgetIssued('1000.00'), recorded(paymentMade('late', '250.00', '2020-03-01'), '2020-08-01T00:00:00.000Z'));
    expect(yuan(foldProjectLedger(events, { knownAt: '2020-07-01T00:00:00.000Z' }), 'paid')).toBe('0.00');
    expect(yuan(foldProjectLedger(events, { knownAt: '2020-08-01T00:00:00.000Z' }), 'paid')).toBe('250.00');
  });

  it('charges adjustments to the main source and counts every change after the opening budget', () => {
    const events = given(projectRegistered(), sourced(budgetIssued('1000.00'), 'central'), budgetAdjusted('-100.00', 'transfer-out'), budgetAdjusted('50.00', 'transfer-in'), budgetAdjusted('-30.00', 'cancel'));
    const ledger = foldProjectLedger(events);
    expect(yuan(ledger, 'budgetCurrent')).toBe('920.00');
    expect(yuan(ledger, 'changes')).toBe('180.00');
    expect([yuan(ledger, 'transferredIn'), yuan(ledger, 'transferredOut'), yuan(ledger, 'decreased')]).toEqual(['50.00', '100.00', '30.00']);
    expect(formatFen(ledger.bySource.get('central')!.arranged)).toBe('920.00');
  });

  it('分解下达 lowers the parent project budget and the source it was passed down from', () => {
    const ledger = foldProjectLedger(given(projectRegistered(), sourced(budgetIssued('1000.00'), 'central'), allocated('600.00')));
    expect([yuan(ledger, 'budgetCurrent'), yuan(ledger, 'allocatedOut'), formatFen(ledger.bySource.get('central')!.arranged)]).toEqual(['400.00', '600.00', '400.00']);
  });

  it('an indicator keeps the actual dated latest, whatever the order recorded', () => {
    const set: DomainEvent = { type: 'IndicatorSet', data: { projectId: 'p1', indicatorId: 'i1', level1: '产出指标', level2: '数量指标', name: '人数', target: '≥950人' } };
    const actual = (value: string, occurredOn: string): DomainEvent => ({ type: 'IndicatorActualRecorded', data: { projectId: 'p1', indicatorId: 'i1', occurredOn, value } });
    const events = given(projectRegistered(), set, actual('900', '2020-12-31'), actual('500', '2020-06-30'));
    const indicator = foldProjectLedger(events).indicators.get('i1')!;
    expect([indicator.actual, indicator.actualOn, indicator.actualEventId]).toEqual(['900', '2020-12-31', events[2].id]);
  });
});

describe('fund attribution', () => {
  it('charges unsourced payments to the main source for the 资金来源 tables', () => {
    const ledger = foldProjectLedger(given(projectRegistered(), sourced(budgetIssued('1000.00'), 'provincial'), paymentMade('p', '10.00'), sourced(paymentMade('q', '5.00'), 'central')));
    expect(Object.fromEntries([...paidBySourceChargingMain(ledger)].map(([k, v]) => [k, formatFen(v)]))).toEqual({ provincial: '10.00', central: '5.00' });
  });

  it('fills 中央, then 地方, then 其他 for the 转移支付 tables; the last group takes the rest', () => {
    const groups = ['central', 'local', 'other'] as const;
    const charged = chargeUnattributedInOrder({ central: 100n, local: 50n, other: 0n }, { central: 80n, local: 0n, other: 0n }, 100n, groups);
    expect(charged).toEqual({ central: 100n, local: 50n, other: 30n });
  });
});

describe('the 项目资金 rows', () => {
  it('puts issuances in the row of their source and basis, adjustments and 分解下达 in the first issuance row, payments as fiscal or 其他', () => {
    const named = (event: DomainEvent, fund: string): DomainEvent => ({ ...event, data: { ...event.data, fund } }) as DomainEvent;
    const events = given(
      projectRegistered(), budgetIssued('1000.00'), budgetIssued('300.00', '2020-01-10', 'carryover'), sourced(budgetIssued('50.00', '2020-02-01', 'supplementary'), 'other'),
      named(budgetIssued('200.00', '2020-03-01', 'supplementary'), '彩票公益金'), budgetAdjusted('-100.00', 'decrease'), allocated('20.00'),
      paymentMade('f', '400.00'), sourced(paymentMade('o', '30.00'), 'other'), paymentReversed('f', '40.00'),
    );
    const rows = fundRowsOf(foldProjectLedger(events));
    const fen = (figure: { fen: bigint }) => formatFen(figure.fen);
    expect(rows.mainRow).toBe('current');
    expect([fen(rows.budget.current.initial), fen(rows.budget.current.full)]).toEqual(['1000.00', '1080.00']);
    expect([fen(rows.budget.carryover.initial), fen(rows.budget.carryover.full)]).toEqual(['300.00', '300.00']);
    expect([fen(rows.budget.other.initial), fen(rows.budget.other.full)]).toEqual(['0.00', '50.00']);
    expect(rows.named.map((fund) => [fund.fund, fund.row, fen(fund.initial), fen(fund.full)])).toEqual([['彩票公益金', 'current', '0.00', '200.00']]);
    expect([fen(rows.executed.fiscal), fen(rows.executed.other)]).toEqual(['360.00', '30.00']);
    expect(rows.executed.fiscal.evidence).toEqual([events[7].id, events[9].id]);
  });
});
