import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { ReplaySource } from './event-store';
import { parsePostgresUrl } from './postgres/postgres-url';

/** Called with each stored event of a range, in position order (data parsed; no id, stream or metadata). */
export type RangeVisitor = (position: number, type: string, recordedAt: string, data: unknown) => void;

/** Rows per page of a PostgreSQL range read (keyset pages: position > last seen). */
const PG_PAGE = 10_000;

/**
 * Visits the events of some types in a position range (from, to] through a connection of its own: the parallel
 * replay of a projection gives each worker thread one range of the store (its `replaySource()`). One row at a
 * time, no envelope objects: a replay is bound by reading and parsing. A string is a SQLite file.
 */
export async function visitPositionRange(source: ReplaySource | string, from: number, to: number, types: readonly string[], visit: RangeVisitor): Promise<void> {
  const resolved: ReplaySource = typeof source === 'string' ? { kind: 'sqlite', file: source } : source;
  if (resolved.kind === 'sqlite') visitSqliteRange(resolved.file, from, to, types, visit);
  else await visitPostgresRange(resolved.url, from, to, types, visit);
}

function visitSqliteRange(file: string, from: number, to: number, types: readonly string[], visit: RangeVisitor): void {
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

async function visitPostgresRange(url: string, from: number, to: number, types: readonly string[], visit: RangeVisitor): Promise<void> {
  const client = new Client(parsePostgresUrl(url).pool);
  await client.connect();
  try {
    for (let after = from; after < to; ) {
      const { rows } = await client.query<[string, string, string, string]>({
        text: `SELECT position, type, recorded_at, data::text FROM events WHERE position > $1 AND position <= $2 AND type = ANY($3::text[]) ORDER BY position LIMIT ${PG_PAGE}`,
        values: [after, to, types],
        rowMode: 'array',
      });
      for (const [position, type, recordedAt, data] of rows) visit(Number(position), type, recordedAt, JSON.parse(data) as unknown);
      if (rows.length < PG_PAGE) break;
      after = Number(rows[rows.length - 1][0]);
    }
  } finally {
    await client.end();
  }
}
