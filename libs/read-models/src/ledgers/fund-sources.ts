import { FUND_SOURCE_LABELS, type ProjectLedger, fenOf, formatFen } from '@bem/domain';

/** One row of a department's 资金来源 table: issued, arrived and paid by fund source; adjustments are their own row. */
export interface FundSourceRow {
  source: string;
  label: string;
  issued: string;
  adjusted: string;
  arrived: string;
  paid: string;
}

const LABELS: Record<string, string> = { ...FUND_SOURCE_LABELS, adjustment: '预算调整（不分来源）', unspecified: '未注明来源' };

/**
 * The 资金来源 breakdown of some projects' ledgers: issued net of what was passed down (分解下达). An adjustment names no source, so it is its own row; a payment
 * that names none is shown as 未注明来源 (this table attributes nothing: it shows what was recorded).
 */
export function fundSourceRows(ledgers: Iterable<ProjectLedger>): FundSourceRow[] {
  const rows = new Map<string, { issued: bigint; adjusted: bigint; arrived: bigint; paid: bigint }>();
  const row = (source: string) => {
    let found = rows.get(source);
    if (!found) rows.set(source, (found = { issued: 0n, adjusted: 0n, arrived: 0n, paid: 0n }));
    return found;
  };
  for (const ledger of ledgers) {
    for (const { data } of ledger.issuances) row(data.source).issued += fenOf(data.amount);
    // 分解下达 passes part of an issuance to a unit below: the department keeps (and shows) only the rest
    for (const { data } of ledger.allocations) row(data.source).issued -= fenOf(data.amount);
    for (const { data } of ledger.adjustments) row('adjustment').adjusted += fenOf(data.delta);
    for (const [source, figures] of ledger.bySource) {
      if (figures.arrived !== 0n) row(source).arrived += figures.arrived;
      if (figures.paid !== 0n) row(source).paid += figures.paid;
    }
    if (ledger.figures.unattributedPaid !== 0n) row('unspecified').paid += ledger.figures.unattributedPaid;
  }
  return [...rows].map(([source, figures]) => ({
    source,
    label: LABELS[source] ?? source,
    issued: formatFen(figures.issued),
    adjusted: formatFen(figures.adjusted),
    arrived: formatFen(figures.arrived),
    paid: formatFen(figures.paid),
  }));
}
