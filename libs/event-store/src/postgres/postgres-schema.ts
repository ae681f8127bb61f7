import type { PoolClient } from 'pg';

/**
 * The versioned schema of the PostgreSQL event store. Each migration runs once, in order, recorded in
 * `schema_version`; all of them in one transaction under an advisory lock, so that several instances starting
 * at the same moment on an empty database do not race (the second waits, then finds nothing left to do).
 *
 * `events.position` is the global order (dense: 1, 2, 3 …, allocated under the append lock); `id` is unique
 * for ever (idempotency, conflict detection); `(stream, revision)` is unique (the optimistic concurrency check's
 * last line of defence). Data and metadata are `json` (not jsonb): the text is kept exactly as written, which
 * the idempotency check compares.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position    bigint  PRIMARY KEY,
     id          text    NOT NULL,
     stream      text    NOT NULL,
     revision    integer NOT NULL,
     type        text    NOT NULL,
     data        json    NOT NULL,
     metadata    json    NOT NULL,
     recorded_at text    NOT NULL,
     CONSTRAINT events_id_unique UNIQUE (id),
     CONSTRAINT events_stream_revision_unique UNIQUE (stream, revision)
   );
   CREATE INDEX events_type_position ON events (type, position);`,
];

/** First key of every advisory lock this store takes (the second is the schema's hash): "BEM" in ASCII. */
export const LOCK_NAMESPACE = 0x42454d;

/** `pg_advisory_xact_lock` of one of the schema's locks (`$1` = schema name): held until the transaction ends. */
export const lockSql = (kind: 'append' | 'migrate'): string => `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext($1 || ':${kind}'))`;

/** Brings the schema (already created and first on search_path) up to the latest version. */
export async function migrate(client: PoolClient, schema: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(lockSql('migrate'), [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
    for (let version = (rows[0].version ?? 0) + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The columns every read selects, in the order of `EventRow` below. */
export const EVENT_COLUMNS = 'position, id, stream, revision, type, data::text AS data, metadata::text AS metadata, recorded_at';

export interface PgEventRow {
  position: string;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}
