import Database from 'better-sqlite3';

/** What a projection reads of a stored event (no id, stream or metadata). */
export interface StoredEventSlice {
  position: number;
  type: string;
  recordedAt: string;
  data: unknown;
}

/**
 * The events of a position range (from, to], in pages, through a read-only connection of its own: the
 * parallel replay of a projection gives each worker thread one range of the store file.
 */
export function* readPositionRange(file: string, from: number, to: number, pageSize = 10_000): Generator<StoredEventSlice[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const page = db.prepare('SELECT position, type, data, recorded_at FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?').raw();
    for (let at = from; ; ) {
      const rows = page.all(at, to, pageSize) as [number, string, string, string][];
      if (rows.length === 0) return;
      yield rows.map(([position, type, data, recordedAt]) => ({ position, type, recordedAt, data: JSON.parse(data) as unknown }));
      at = rows[rows.length - 1][0];
    }
  } finally {
    db.close();
  }
}
