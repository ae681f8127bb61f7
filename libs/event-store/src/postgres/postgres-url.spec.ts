import { describe, expect, it } from 'vitest';
import { isPostgresUrl, parsePostgresUrl } from './postgres-url';

describe('parsePostgresUrl', () => {
  it('takes schema and pool out of the URL and puts the schema on the search_path', () => {
    const target = parsePostgresUrl('postgres://bem:secret@db.example:6432/finance?schema=bem_2025&pool=4&sslmode=require');
    expect(target.schema).toBe('bem_2025');
    expect(target.pool.max).toBe(4);
    expect(target.pool.options).toBe('-c search_path=bem_2025');
    const rest = new URL(target.pool.connectionString as string);
    expect([rest.username, rest.password, rest.hostname, rest.port, rest.pathname]).toEqual(['bem', 'secret', 'db.example', '6432', '/finance']);
    expect([...rest.searchParams.keys()]).toEqual(['sslmode']);
  });

  it('defaults to schema public and 10 connections, and keeps libpq options given in the URL', () => {
    expect(parsePostgresUrl('postgresql://localhost/bem')).toMatchObject({ schema: 'public', pool: { max: 10, options: '-c search_path=public' } });
    expect(parsePostgresUrl('postgres://localhost/bem?options=-c%20statement_timeout%3D5000').pool.options).toBe('-c statement_timeout=5000 -c search_path=public');
  });

  it('refuses a schema name that is not a plain identifier, and a pool that is not a positive integer', () => {
    expect(() => parsePostgresUrl('postgres://localhost/bem?schema=a;drop')).toThrow(/invalid schema name/);
    expect(() => parsePostgresUrl('postgres://localhost/bem?pool=0')).toThrow(/invalid pool size/);
  });

  it('recognises postgres:// and postgresql:// in any case, nothing else', () => {
    expect(['postgres://x', 'POSTGRESQL://x', ' postgresql://x'].every(isPostgresUrl)).toBe(true);
    expect(['postgres:x', 'pg://x', 'mysql://x', '/data/postgres://x'].some(isPostgresUrl)).toBe(false);
  });
});
