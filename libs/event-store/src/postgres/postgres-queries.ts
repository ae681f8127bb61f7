import type { ClientBase } from 'pg';
import type { EventRow, StoredFingerprint } from '../append-rules';
import { DuplicateEventId } from '../errors';
import type { RecordedEvent } from '../types';
import { EVENT_COLUMNS, type PgEventRow } from './postgres-schema';

/** A pool or a client: whatever runs a query. */
export type Queryable = Pick<ClientBase, 'query'>;

/** Rows per INSERT (each column sent as one array parameter, unnested on the server). */
const INSERT_CHUNK = 5000;

export function toRecorded(row: PgEventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    stream: row.stream,
    revision: row.revision,
    position: Number(row.position),
    recordedAt: row.recorded_at,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  };
}

export async function headPosition(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ head: string | null }>('SELECT max(position) AS head FROM events');
  return Number(rows[0].head ?? 0);
}

export async function fingerprints(db: Queryable, ids: readonly string[]): Promise<Map<string, StoredFingerprint>> {
  const found = new Map<string, StoredFingerprint>();
  if (ids.length === 0) return found;
  const { rows } = await db.query<{ id: string; stream: string; type: string; data: string; position: string }>(
    'SELECT id, stream, type, data::text AS data, position FROM events WHERE id = ANY($1::text[])',
    [ids],
  );
  for (const row of rows) found.set(row.id, { stream: row.stream, type: row.type, data: row.data, position: Number(row.position) });
  return found;
}

/** The last revision of each given stream that exists. */
export async function streamRevisions(db: Queryable, streams: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ stream: string; revision: number }>(
    'SELECT stream, max(revision) AS revision FROM events WHERE stream = ANY($1::text[]) GROUP BY stream',
    [streams],
  );
  return new Map(rows.map((row) => [row.stream, row.revision]));
}

/**
 * Inserts rows at positions head+1, head+2, …; returns the new head. A stored id is a DuplicateEventId.
 * Each chunk goes as ONE JSON text parameter (native JSON.stringify, no per-element escaping of array literals),
 * unpacked by json_to_recordset; data and metadata travel as strings, so their text is stored exactly as written.
 */
export async function insertRows(db: Queryable, rows: readonly EventRow[], head: number): Promise<number> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const records = chunk.map((row, i) => ({ p: head + start + i + 1, i: row.id, s: row.stream, r: row.revision, t: row.type, d: row.data, m: row.metadata, a: row.recordedAt }));
    try {
      await db.query(
        `INSERT INTO events (position, id, stream, revision, type, data, metadata, recorded_at)
         SELECT p, i, s, r, t, d::json, m::json, a FROM json_to_recordset($1::json) AS x(p bigint, i text, s text, r int, t text, d text, m text, a text)`,
        [JSON.stringify(records)],
      );
    } catch (error) {
      const { code, constraint, detail } = error as { code?: string; constraint?: string; detail?: string };
      if (code === '23505' && constraint === 'events_id_unique') throw new DuplicateEventId(/\(id\)=\((.*)\)/.exec(detail ?? '')?.[1] ?? '?', 'already stored');
      throw error;
    }
  }
  return head + rows.length;
}

export async function readAfter(db: Queryable, fromPosition: number, limit?: number, types?: readonly string[]): Promise<RecordedEvent[]> {
  const { rows } = await db.query<PgEventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 AND ($2::text[] IS NULL OR type = ANY($2::text[])) ORDER BY position LIMIT $3`,
    [fromPosition, types ?? null, limit === undefined ? null : Math.max(0, limit)],
  );
  return rows.map(toRecorded);
}

export async function readStream(db: Queryable, stream: string, fromRevision: number): Promise<RecordedEvent[]> {
  const { rows } = await db.query<PgEventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = $1 AND revision >= $2 ORDER BY revision`, [stream, fromRevision]);
  return rows.map(toRecorded);
}

export async function findByIds(db: Queryable, ids: readonly string[]): Promise<RecordedEvent[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<PgEventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY($1::text[])`, [ids]);
  return rows.map(toRecorded);
}

/** Stream, type and data text of the events of these streams, each stream in revision order. */
export async function streamsData(db: Queryable, streams: readonly string[], types: readonly string[] | undefined): Promise<[string, string, string][]> {
  const { rows } = await db.query<{ stream: string; type: string; data: string }>(
    `SELECT stream, type, data::text AS data FROM events WHERE stream = ANY($1::text[]) AND ($2::text[] IS NULL OR type = ANY($2::text[])) ORDER BY stream, revision`,
    [streams, types ?? null],
  );
  return rows.map((row) => [row.stream, row.type, row.data]);
}
