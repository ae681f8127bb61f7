import { InvalidStoreSpec } from './errors';
import { isPostgresUrl } from './postgres/postgres-url';

/** `kurrentdb://`, `kurrent://`, `kdb://`, `esdb://` (deprecated) and their `+discover` forms. */
export const isKurrentDbUrl = (spec: string): boolean => /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\//i.test(spec.trim());

/** What a store spec names (architecture §10). */
export type StoreTarget =
  | { kind: 'memory' }
  | { kind: 'sqlite'; path: string }
  | { kind: 'kurrentdb'; url: string }
  | { kind: 'postgres'; url: string };

const USAGE = {
  zh: '可用：memory、sqlite:<路径>、不带协议的文件路径、kurrentdb://…、postgres://…',
  en: 'use memory, sqlite:<path>, a file path without a URL scheme, kurrentdb://… or postgres://…',
};

/**
 * Reads a store spec: exactly `memory`, `sqlite:<path>`, a bare path WITHOUT a URL scheme, a KurrentDB URL or
 * `postgres(ql)://…`. Anything else with a scheme (`http://…`, `mysql://…`) is an InvalidStoreSpec, never a path.
 */
export function parseStoreSpec(spec: string): StoreTarget {
  const trimmed = spec.trim();
  if (trimmed === 'memory' || trimmed === 'memory:') return { kind: 'memory' };
  if (isKurrentDbUrl(trimmed)) return { kind: 'kurrentdb', url: trimmed };
  if (isPostgresUrl(trimmed)) return { kind: 'postgres', url: trimmed };
  if (/^sqlite:/i.test(trimmed)) {
    const path = trimmed.slice('sqlite:'.length);
    if (path === '') throw new InvalidStoreSpec(spec, { zh: 'sqlite: 后缺少文件路径', en: 'empty event store spec: sqlite: without a file path' });
    return { kind: 'sqlite', path };
  }
  if (trimmed === '') throw new InvalidStoreSpec(spec, { zh: '地址为空', en: `empty event store spec; ${USAGE.en}` });
  // A scheme is letters then ":" — but one letter and ":" is a Windows drive (C:\data\bem.sqlite).
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed)?.[1];
  if (scheme && scheme.length > 1) throw new InvalidStoreSpec(spec, { zh: `不支持的协议 ${scheme}:；${USAGE.zh}`, en: `unsupported scheme ${scheme}:; ${USAGE.en}` });
  return { kind: 'sqlite', path: trimmed };
}
