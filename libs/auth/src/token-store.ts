import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type EventStore, SqliteEventStore } from '@bem/event-store';
import type { Principal, Role } from './roles';

export interface NewToken {
  role: Role;
  departments: readonly string[] | '*';
  label?: string;
}

/** Bearer tokens, kept only as SHA-256 hashes: the token itself is shown once, when created. */
export interface TokenStore {
  /** Creates a token and returns it in clear (the only time it is available). */
  create(token: NewToken, now?: Date): Promise<string>;
  /** The principal of a presented token, or null when it is unknown. */
  verify(token: string): Promise<Principal | null>;
  /** How many tokens exist (the demo start prints an admin token only when there is none). */
  count(): Promise<number>;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 random bytes, base64url, with a recognisable prefix. */
export const generateToken = (): string => `bem_${randomBytes(32).toString('base64url')}`;

interface TokenRow {
  hash: string;
  role: Role;
  departments: string;
  created_at: string;
  label: string | null;
}

const toPrincipal = (row: TokenRow): Principal => ({
  role: row.role,
  departments: row.departments === '*' ? '*' : (JSON.parse(row.departments) as string[]),
  label: row.label,
});

const toRow = (token: string, spec: NewToken, now: Date): TokenRow => ({
  hash: hashToken(token),
  role: spec.role,
  departments: spec.departments === '*' ? '*' : JSON.stringify(spec.departments),
  created_at: now.toISOString(),
  label: spec.label ?? null,
});

/** Tokens in the store's sqlite file, table `auth_tokens`. */
export class SqliteTokenStore implements TokenStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS auth_tokens (
      hash TEXT PRIMARY KEY, role TEXT NOT NULL, departments TEXT NOT NULL, created_at TEXT NOT NULL, label TEXT)`);
  }

  async create(spec: NewToken, now = new Date()): Promise<string> {
    const token = generateToken();
    this.db
      .prepare('INSERT INTO auth_tokens (hash, role, departments, created_at, label) VALUES (@hash, @role, @departments, @created_at, @label)')
      .run(toRow(token, spec, now));
    return token;
  }

  async verify(token: string): Promise<Principal | null> {
    const row = this.db.prepare('SELECT * FROM auth_tokens WHERE hash = ?').get(hashToken(token)) as TokenRow | undefined;
    return row ? toPrincipal(row) : null;
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) FROM auth_tokens').pluck().get() as number) ?? 0;
  }
}

/** Tokens of a memory store: gone with the process. */
export class MemoryTokenStore implements TokenStore {
  private readonly rows = new Map<string, TokenRow>();

  async create(spec: NewToken, now = new Date()): Promise<string> {
    const token = generateToken();
    const row = toRow(token, spec, now);
    this.rows.set(row.hash, row);
    return token;
  }

  async verify(token: string): Promise<Principal | null> {
    const row = this.rows.get(hashToken(token));
    return row ? toPrincipal(row) : null;
  }

  async count(): Promise<number> {
    return this.rows.size;
  }
}

/** Tokens live beside the events: in the sqlite file when the store is sqlite, in memory otherwise. */
export function tokenStoreFor(store: EventStore): TokenStore {
  return store instanceof SqliteEventStore ? new SqliteTokenStore(store.db) : new MemoryTokenStore();
}
