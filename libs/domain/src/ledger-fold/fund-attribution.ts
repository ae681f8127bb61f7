import type { ProjectLedger } from './project-ledger';

/**
 * Where a payment that names no fund source is charged. Two rules, each where its table needs it:
 * - the 项目支出 / 资金来源 tables (seed 001): to the project's main source (that of its first issuance);
 * - the 转移支付 tables: to what is left of 中央, then 地方, then 其他 (transfer funds are spent first).
 */

/** Paid per fund source, payments naming no source charged to the main source. */
export function paidBySourceChargingMain(ledger: ProjectLedger): Map<string, bigint> {
  const paid = new Map<string, bigint>();
  for (const [name, figures] of ledger.bySource) paid.set(name, figures.paid);
  const unattributed = ledger.figures.unattributedPaid;
  if (unattributed !== 0n) {
    const main = ledger.mainSource ?? 'own';
    paid.set(main, (paid.get(main) ?? 0n) + unattributed);
  }
  return paid;
}

/**
 * Paid per group (e.g. 中央 / 地方 / 其他), the unattributed amount filling each group's room (arranged − paid)
 * in the given order; the last group takes whatever is left.
 */
export function chargeUnattributedInOrder<G extends string>(arranged: Record<G, bigint>, paid: Record<G, bigint>, unattributed: bigint, order: readonly G[]): Record<G, bigint> {
  const result: Record<G, bigint> = { ...paid };
  let left: bigint = unattributed;
  order.forEach((group, i) => {
    const spent: bigint = result[group];
    const room: bigint = arranged[group] - spent > 0n ? arranged[group] - spent : 0n;
    const take: bigint = i === order.length - 1 ? left : room < left ? room : left;
    result[group] = spent + take;
    left -= take;
  });
  return result;
}
