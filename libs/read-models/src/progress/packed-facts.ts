import type { Movement } from '@bem/domain';

/**
 * A project's money movements packed in columns (the sqlite progress read model stores them as blobs, one row per
 * project chunk instead of one row per event): position, recording instant (epoch ms), business day (days since
 * 1970-01-01) and the measures of the domain's Movement, in this order: four in integer fen (budgetInitial,
 * budgetCurrent, arrived, paid), Σ 调整 in fen (changes), and three counts (issuances, arrivals, payments).
 */
export const MEASURE_NAMES = ['budgetInitial', 'budgetCurrent', 'arrived', 'paid', 'changes', 'issuances', 'arrivals', 'payments'] as const satisfies readonly (keyof Movement)[];
export const MEASURES = MEASURE_NAMES.length;
export type Measure = (typeof MEASURE_NAMES)[number];
/** Index of each measure in a fact's (or a day's) MEASURES interleaved values */
export const M = Object.fromEntries(MEASURE_NAMES.map((name, i) => [name, i])) as Record<Measure, number>;

const MS_PER_DAY = 86_400_000;
const dayCache = new Map<string, number>();
const isoCache = new Map<number, string>();

/** "2025-03-31" -> days since the epoch (cached: a log has few distinct dates). */
export function dayOf(isoDate: string): number {
  let day = dayCache.get(isoDate);
  if (day === undefined) {
    day = Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / MS_PER_DAY;
    if (!Number.isInteger(day)) throw new RangeError(`not a calendar date: ${isoDate}`);
    if (dayCache.size < 100_000) dayCache.set(isoDate, day);
  }
  return day;
}

export function isoDateOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, iso);
  }
  return iso;
}

export interface PlainFactColumns {
  length: number;
  position: Float64Array;
  recordedAt: Float64Array;
  day: Int32Array;
  amounts: BigInt64Array;
}

/** Growable columns of facts. */
export class FactColumns {
  length = 0;
  position: Float64Array;
  recordedAt: Float64Array;
  day: Int32Array;
  /** MEASURES per fact, interleaved */
  amounts: BigInt64Array;

  constructor(capacity = 16) {
    this.position = new Float64Array(capacity);
    this.recordedAt = new Float64Array(capacity);
    this.day = new Int32Array(capacity);
    this.amounts = new BigInt64Array(capacity * MEASURES);
  }

  push(position: number, recordedAt: number, day: number, moved: Movement): void {
    if (this.length === this.position.length) this.grow(this.length * 2);
    const i = this.length++;
    this.position[i] = position;
    this.recordedAt[i] = recordedAt;
    this.day[i] = day;
    const m = i * MEASURES;
    const amounts = this.amounts;
    amounts[m] = moved.budgetInitial;
    amounts[m + 1] = moved.budgetCurrent;
    amounts[m + 2] = moved.arrived;
    amounts[m + 3] = moved.paid;
    amounts[m + 4] = moved.changes;
    amounts[m + 5] = moved.issuances;
    amounts[m + 6] = moved.arrivals;
    amounts[m + 7] = moved.payments;
  }

  /** Appends facts from..to of another set of columns. */
  append(other: FactColumns, from = 0, to = other.length): void {
    const n = to - from;
    // Exactly what is needed: appends are whole parts (a worker's range, a stored chunk), not single facts.
    if (this.length + n > this.position.length) this.grow(this.length + n);
    this.position.set(other.position.subarray(from, to), this.length);
    this.recordedAt.set(other.recordedAt.subarray(from, to), this.length);
    this.day.set(other.day.subarray(from, to), this.length);
    this.amounts.set(other.amounts.subarray(from * MEASURES, to * MEASURES), this.length * MEASURES);
    this.length += n;
  }

  /** Plain typed arrays trimmed to the facts (what a worker thread posts back; their buffers can be transferred). */
  toPlain(): PlainFactColumns {
    const n = this.length;
    return {
      length: n,
      position: this.position.slice(0, n),
      recordedAt: this.recordedAt.slice(0, n),
      day: this.day.slice(0, n),
      amounts: this.amounts.slice(0, n * MEASURES),
    };
  }

  static fromPlain(plain: PlainFactColumns): FactColumns {
    const columns = new FactColumns(0);
    Object.assign(columns, plain);
    return columns;
  }

  private grow(capacity: number): void {
    const grown = (old: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.position = grown(this.position);
    this.recordedAt = grown(this.recordedAt);
    const day = new Int32Array(capacity);
    day.set(this.day.subarray(0, this.length));
    this.day = day;
    const amounts = new BigInt64Array(capacity * MEASURES);
    amounts.set(this.amounts.subarray(0, this.length * MEASURES));
    this.amounts = amounts;
  }

  /** Blob of facts from..to: positions, instants, amounts (8-byte columns first), then days. */
  encode(from = 0, to = this.length): Buffer {
    const n = to - from;
    const buffer = new ArrayBuffer(n * (8 + 8 + 8 * MEASURES + 4));
    new Float64Array(buffer, 0, n).set(this.position.subarray(from, to));
    new Float64Array(buffer, 8 * n, n).set(this.recordedAt.subarray(from, to));
    new BigInt64Array(buffer, 16 * n, n * MEASURES).set(this.amounts.subarray(from * MEASURES, to * MEASURES));
    new Int32Array(buffer, (16 + 8 * MEASURES) * n, n).set(this.day.subarray(from, to));
    return Buffer.from(buffer);
  }

  static decode(blob: Uint8Array, n: number): FactColumns {
    const aligned = new Uint8Array(blob.length);
    aligned.set(blob);
    const buffer = aligned.buffer;
    const columns = new FactColumns(0);
    columns.position = new Float64Array(buffer, 0, n);
    columns.recordedAt = new Float64Array(buffer, 8 * n, n);
    columns.amounts = new BigInt64Array(buffer, 16 * n, n * MEASURES);
    columns.day = new Int32Array(buffer, (16 + 8 * MEASURES) * n, n);
    columns.length = n;
    return columns;
  }
}

/** Cumulative totals of a project at the end of each day it moved (ascending days). */
export class DayTotals {
  constructor(
    readonly day: Int32Array,
    /** MEASURES per day, interleaved, cumulative */
    readonly cumulative: BigInt64Array,
  ) {}

  get length(): number {
    return this.day.length;
  }

  /** Index of the last day ≤ `day`, -1 when none. */
  indexAt(day: number): number {
    let low = 0;
    let high = this.day.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.day[mid] <= day) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  /** These totals plus more facts (a late entry dated before later days moves them too). */
  plus(facts: FactColumns): DayTotals {
    if (this.day.length === 0 && isAscending(facts.day, facts.length)) return DayTotals.ofAscending(facts);
    const n = this.day.length;
    const m = facts.length;
    // Daily deltas of both, ordered by day (stable), then summed per day and accumulated.
    const days = new Int32Array(n + m);
    const deltas = new BigInt64Array((n + m) * MEASURES);
    for (let i = 0; i < n; i++) {
      days[i] = this.day[i];
      for (let k = 0; k < MEASURES; k++) {
        deltas[i * MEASURES + k] = this.cumulative[i * MEASURES + k] - (i > 0 ? this.cumulative[(i - 1) * MEASURES + k] : 0n);
      }
    }
    days.set(facts.day.subarray(0, m), n);
    deltas.set(facts.amounts.subarray(0, m * MEASURES), n * MEASURES);
    const order = sortedOrder(days);
    const outDays: number[] = [];
    const out: bigint[] = [];
    const running: bigint[] = Array.from({ length: MEASURES }, () => 0n);
    for (const i of order) {
      for (let k = 0; k < MEASURES; k++) running[k] += deltas[i * MEASURES + k];
      if (outDays.length && outDays[outDays.length - 1] === days[i]) {
        for (let k = 0; k < MEASURES; k++) out[out.length - MEASURES + k] = running[k];
      } else {
        outDays.push(days[i]);
        out.push(...running);
      }
    }
    return new DayTotals(Int32Array.from(outDays), BigInt64Array.from(out));
  }

  /** Totals of facts already in day order (a replay): one pass into typed arrays. */
  private static ofAscending(facts: FactColumns): DayTotals {
    const day = new Int32Array(facts.length);
    const cumulative = new BigInt64Array(facts.length * MEASURES);
    const running = new BigInt64Array(MEASURES);
    let days = 0;
    for (let i = 0; i < facts.length; i++) {
      const m = i * MEASURES;
      for (let k = 0; k < MEASURES; k++) running[k] += facts.amounts[m + k];
      if (days === 0 || day[days - 1] !== facts.day[i]) days += 1;
      day[days - 1] = facts.day[i];
      cumulative.set(running, (days - 1) * MEASURES);
    }
    return new DayTotals(day.slice(0, days), cumulative.slice(0, days * MEASURES));
  }

  encode(): Buffer {
    const n = this.day.length;
    const buffer = new ArrayBuffer(n * (8 * MEASURES + 4));
    new BigInt64Array(buffer, 0, n * MEASURES).set(this.cumulative);
    new Int32Array(buffer, 8 * MEASURES * n, n).set(this.day);
    return Buffer.from(buffer);
  }

  static readonly EMPTY = new DayTotals(new Int32Array(0), new BigInt64Array(0));

  static decode(blob: Uint8Array, n: number): DayTotals {
    const aligned = new Uint8Array(blob.length);
    aligned.set(blob);
    return new DayTotals(new Int32Array(aligned.buffer, 8 * MEASURES * n, n), new BigInt64Array(aligned.buffer, 0, n * MEASURES));
  }
}

function isAscending(days: Int32Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (days[i] < days[i - 1]) return false;
  return true;
}

/** Indices of `days` in ascending day order, stable; no sort when already in order (the usual case). */
function sortedOrder(days: Int32Array): number[] {
  const order = Array.from({ length: days.length }, (_, i) => i);
  for (let i = 1; i < days.length; i++) {
    if (days[i] < days[i - 1]) return order.sort((a, b) => days[a] - days[b] || a - b);
  }
  return order;
}
