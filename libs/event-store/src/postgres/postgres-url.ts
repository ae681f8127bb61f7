import type { PoolConfig } from 'pg';

/** `postgres://…` or `postgresql://…` (any case). */
export const isPostgresUrl = (spec: string): boolean => /^postgres(ql)?:\/\//i.test(spec.trim());

export interface PostgresTarget {
  /** Connection settings for `pg` (the `schema` and `pool` parameters taken out). */
  pool: PoolConfig;
  /** The schema holding this store's tables (`?schema=…`, default `public`). */
  schema: string;
}

/**
 * Reads a store URL: the usual libpq-style URL (user, password, host, port, database, `sslmode`, …) plus two of
 * ours: `schema` (several stores on one database, e.g. a test per schema) and `pool` (connections, default 10).
 */
export function parsePostgresUrl(url: string): PostgresTarget {
  const parsed = new URL(url.trim());
  const schema = parsed.searchParams.get('schema')?.trim() || 'public';
  const poolSize = Number(parsed.searchParams.get('pool') ?? 10);
  // libpq `options` in the URL would replace ours (pg lets the URL win): kept, with the search_path added.
  const given = parsed.searchParams.get('options')?.trim();
  parsed.searchParams.delete('schema');
  parsed.searchParams.delete('pool');
  parsed.searchParams.delete('options');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`PostgreSQL 模式名无效 / invalid schema name ${JSON.stringify(schema)}: letters, digits and _ only`);
  }
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new TypeError(`连接池大小无效 / invalid pool size ${parsed.searchParams.get('pool')}`);
  return {
    schema,
    pool: { connectionString: parsed.toString(), max: poolSize, options: `${given ? `${given} ` : ''}-c search_path=${schema}` },
  };
}
