import type Decimal from 'decimal.js';
import { Money } from '@bem/domain';
import type { Traced } from './measures';

export type FigureUnit = '万元' | '%' | '分';

/** Every computed figure of a report by key ("基础数据表/支出合计/决算", "比率/预算执行率", "得分/预算完成"), in its display unit. */
export class FigureIndex {
  private readonly figures = new Map<string, { value: Decimal; unit: FigureUnit; evidence: string[] }>();

  /** Money is given in 元 and kept in 万元 (the unit reports print). */
  money(key: string, figure: Traced): void {
    this.figures.set(key, { value: figure.value.div(10_000), unit: '万元', evidence: figure.evidence });
  }

  percent(key: string, figure: Traced | null): void {
    if (figure) this.figures.set(key, { value: figure.value, unit: '%', evidence: figure.evidence });
  }

  score(key: string, score: string | null, evidence: string[]): void {
    if (score !== null) this.figures.set(key, { value: new Money(score), unit: '分', evidence });
  }

  get(key: string) {
    return this.figures.get(key) ?? null;
  }

  keys(): string[] {
    return [...this.figures.keys()];
  }
}

export const wan = (figure: Traced | null | undefined): string | null => (figure ? figure.value.div(10_000).toFixed(2, Money.ROUND_HALF_UP) : null);
export const pct = (figure: Traced | null): string | null => (figure ? figure.value.toFixed(2, Money.ROUND_HALF_UP) : null);
