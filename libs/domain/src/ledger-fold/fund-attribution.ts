import { fenOf } from '../shared/fen';
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

/** 中央 / 地方 / 其他 as the 转移支付区域绩效目标自评表 groups fund sources. */
export type SourceGroup = 'central' | 'local' | 'other';
export const SOURCE_GROUPS: readonly SourceGroup[] = ['central', 'local', 'other'];
export const sourceGroupOf = (source: string | undefined): SourceGroup =>
  source === 'central' ? 'central' : source === 'other' || source === undefined ? 'other' : 'local';

const zeroGroups = (): Record<SourceGroup, bigint> => ({ central: 0n, local: 0n, other: 0n });

/** An adjustment names no source: in the 转移支付 tables it goes to the project's only group, else to 其他. */
export function adjustmentGroupOf(ledger: ProjectLedger): SourceGroup {
  const groups = new Set(ledger.issuances.map(({ data }) => sourceGroupOf(data.source)));
  return groups.size === 1 ? [...groups][0] : 'other';
}

/** 全年预算数 by group: issuances by their source, adjustments to `adjustmentGroup`, less 分解下达 by its source. */
export function arrangedByGroup(ledger: ProjectLedger, adjustmentGroup: SourceGroup): Record<SourceGroup, bigint> {
  const arranged = zeroGroups();
  for (const { data } of ledger.issuances) arranged[sourceGroupOf(data.source)] += fenOf(data.amount);
  for (const { data } of ledger.adjustments) arranged[adjustmentGroup] += fenOf(data.delta);
  for (const { data } of ledger.allocations) arranged[sourceGroupOf(data.source)] -= fenOf(data.amount);
  return arranged;
}

/** 全年执行数 by group: payments naming a source by its group, the rest charged 中央 → 地方 → 其他 within the room. */
export function paidByGroup(ledger: ProjectLedger, arranged: Record<SourceGroup, bigint>): Record<SourceGroup, bigint> {
  const named = zeroGroups();
  for (const [source, figures] of ledger.bySource) named[sourceGroupOf(source)] += figures.paid;
  return chargeUnattributedInOrder(arranged, named, ledger.figures.unattributedPaid, SOURCE_GROUPS);
}
