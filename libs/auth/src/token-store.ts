import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EventStore } from '@bem/event-store';
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

/** The stream holding issued tokens (hashes only) when the event store has no sqlite file of its own. */
export const TOKEN_STREAM = 'auth-tokens';

/**
 * Tokens as events (`TokenIssued`, hash only) in the event store itself: every api instance of a KurrentDB
 * deployment sees the tokens any of them (or `bem token create`) issued. Reads catch up from the last revision seen.
 */
export class EventSourcedTokenStore implements TokenStore {
  private readonly rows = new Map<string, TokenRow>();
  private revision = -1;

  constructor(private readonly store: EventStore) {}

  async create(spec: NewToken, now = new Date()): Promise<string> {
    const token = generateToken();
    const row = toRow(token, spec, now);
    await this.store.append(TOKEN_STREAM, [{ id: tokenEventId(row.hash), type: 'TokenIssued', data: row, metadata: { source: 'auth' } }]);
    return token;
  }

  async verify(token: string): Promise<Principal | null> {
    await this.catchUp();
    const row = this.rows.get(hashToken(token));
    return row ? toPrincipal(row) : null;
  }

  async count(): Promise<number> {
    await this.catchUp();
    return this.rows.size;
  }

  private async catchUp(): Promise<void> {
    for (const event of await this.store.readStream(TOKEN_STREAM, { fromRevision: this.revision + 1 })) {
      if (event.type === 'TokenIssued') {
        const row = event.data as TokenRow;
        this.rows.set(row.hash, row);
      }
      this.revision = event.revision;
    }
  }
}

/** A UUID derived from the token hash: re-appending the same issuance is a no-op. */
function tokenEventId(hash: string): string {
  const hex = createHash('sha256').update(`token:${hash}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Tokens live beside the events: a table in the sqlite file when the store is sqlite, `TokenIssued` events otherwise. */
export function tokenStoreFor(store: EventStore): TokenStore {
  return store.companionDatabase ? new SqliteTokenStore(store.companionDatabase) : new EventSourcedTokenStore(store);
}
