import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidStoreSpec, StoreNotFound } from './errors';
import { openEventStore, storeSpecFromEnv } from './index';
import { parseStoreSpec } from './store-spec';

describe('parseStoreSpec: exactly memory, sqlite:<path>, a bare path, kurrentdb and postgres URLs', () => {
  it.each([
    ['memory', { kind: 'memory' }],
    ['memory:', { kind: 'memory' }],
    ['sqlite:/data/bem.sqlite', { kind: 'sqlite', path: '/data/bem.sqlite' }],
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['./data/bem.sqlite', { kind: 'sqlite', path: './data/bem.sqlite' }],
    ['C:\\data\\bem.sqlite', { kind: 'sqlite', path: 'C:\\data\\bem.sqlite' }],
    ['kurrentdb://localhost:2113?tls=false', { kind: 'kurrentdb', url: 'kurrentdb://localhost:2113?tls=false' }],
    ['esdb+discover://a,b', { kind: 'kurrentdb', url: 'esdb+discover://a,b' }],
    ['postgres://bem@db/bem', { kind: 'postgres', url: 'postgres://bem@db/bem' }],
    ['PostgreSQL://bem@db/bem?schema=x', { kind: 'postgres', url: 'PostgreSQL://bem@db/bem?schema=x' }],
  ])('%s', (spec, target) => {
    expect(parseStoreSpec(spec)).toEqual(target);
  });

  it.each(['http://example.org/bem', 'mysql://root@db/bem', 'file:///tmp/bem.sqlite', 'redis://localhost', 'sqlite:', '  '])('refuses %j', (spec) => {
    const error = (() => {
      try {
        parseStoreSpec(spec);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidStoreSpec);
    expect((error as Error).message).toMatch(/无法识别的事件库地址.*unknown event store spec/);
  });

  it('storeSpecFromEnv refuses a BEM_EVENTSTORE_URL of an unknown kind instead of taking it for a file', () => {
    expect(() => storeSpecFromEnv({ BEM_EVENTSTORE_URL: 'http://db:5432/bem' })).toThrow(InvalidStoreSpec);
    expect(storeSpecFromEnv({ BEM_EVENTSTORE_URL: 'postgres://db/bem' })).toBe('postgres://db/bem');
    expect(storeSpecFromEnv({})).toBe('./data/bem.sqlite');
  });

  it('openEventStore with mustExist refuses a missing SQLite file and creates neither it nor its folder', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bem-spec-')), 'sub', 'bem.sqlite');
    expect(() => openEventStore(file, { mustExist: true })).toThrow(StoreNotFound);
    expect(existsSync(join(file, '..'))).toBe(false);
  });
});
