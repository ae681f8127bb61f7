import type Decimal from 'decimal.js';
import { Money } from '@bem/domain';
import type { FigureIndex } from '../model/figure-index';
import type { Mismatch } from '../model/report';

/** A figure as a report states it: equal to one computed figure, or to the sum of several (a printed subtotal). */
export interface StatedFigure {
  label: string;
  value: string;
  figure?: string;
  sumOf?: string[];
  source?: string;
  /** the event that recorded it, when it came from the log */
  eventId?: string;
}

const decimalsOf = (text: string) => (text.split('.')[1] ?? '').length;

/** Recomputes each stated figure and compares at the stated precision (1536 vs 1537.00 -> mismatch; 1.16 vs 1.1548 -> 1.15, mismatch). */
export function checkStatedFigures(stated: readonly StatedFigure[], index: FigureIndex): Mismatch[] {
  return stated.map((entry) => {
    const keys = entry.sumOf ?? (entry.figure ? [entry.figure] : []);
    const found = keys.map((key) => index.get(key));
    const evidence = [...(entry.eventId ? [entry.eventId] : []), ...found.flatMap((figure) => figure?.evidence ?? [])];
    const figure = entry.sumOf ? `Σ ${entry.sumOf.join(' + ')}` : (entry.figure ?? '');
    if (keys.length === 0 || found.some((f) => f === null)) {
      const missing = keys.filter((_, i) => found[i] === null);
      return { label: entry.label, stated: entry.value, computed: null, figure: `${figure}（未找到：${missing.join('、') || '未指明'}）`, matches: false, source: entry.source ?? null, evidence };
    }
    let total: Decimal = new Money(0);
    for (const f of found) total = total.plus(f!.value);
    const computed = total.toFixed(decimalsOf(entry.value), Money.ROUND_HALF_UP);
    return { label: entry.label, stated: entry.value, computed, figure, matches: new Money(computed).eq(entry.value), source: entry.source ?? null, evidence };
  });
}
