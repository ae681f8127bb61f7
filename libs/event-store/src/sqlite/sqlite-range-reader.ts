import Database from 'better-sqlite3';

/** Called with each stored event of a range, in position order (data parsed; no id, stream or metadata). */
export type RangeVisitor = (position: number, type: string, recordedAt: string, data: unknown) => void;

/**
 * Visits the events of some types in a position range (from, to] through a read-only connection of its own: the parallel
 * replay of a projection gives each worker thread one range of the store file. One row at a time, no page
 * arrays and no envelope objects: a replay is bound by reading and parsing.
 */
export function visitPositionRange(file: string, from: number, to: number, types: readonly string[], visit: RangeVisitor): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const typeFilter = `type IN (${types.map(() => '?').join(',')})`;
    const rows = db.prepare(`SELECT position, type, recorded_at, data FROM events WHERE position > ? AND position <= ? AND ${typeFilter} ORDER BY position`).raw();
    for (const [position, type, recordedAt, data] of rows.iterate(from, to, ...types) as Iterable<[number, string, string, string]>) {
      visit(position, type, recordedAt, JSON.parse(data) as unknown);
    }
  } finally {
    db.close();
  }
}
