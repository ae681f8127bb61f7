import type Database from 'better-sqlite3';
import { type NewToken, type TokenInfo, type TokenRow, type TokenStore, generateToken, hashToken, infoOf, newTokenRow, principalOf, tokenIdOf } from './token-rows';
import type { Principal } from './roles';

/** Columns added after the first release: a store made before them gains them on open. */
const LATER_COLUMNS = ['expires_at', 'revoked_at'] as const;

/** Tokens in the store's sqlite file, table `auth_tokens`. */
export class SqliteTokenStore implements TokenStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS auth_tokens (
      hash TEXT PRIMARY KEY, role TEXT NOT NULL, departments TEXT NOT NULL, created_at TEXT NOT NULL, label TEXT,
      expires_at TEXT, revoked_at TEXT)`);
    const present = new Set((db.prepare('PRAGMA table_info(auth_tokens)').all() as { name: string }[]).map((c) => c.name));
    for (const column of LATER_COLUMNS) if (!present.has(column)) db.exec(`ALTER TABLE auth_tokens ADD COLUMN ${column} TEXT`);
  }

  async create(spec: NewToken, now = new Date()): Promise<string> {
    const token = generateToken();
    this.db
      .prepare(
        `INSERT INTO auth_tokens (hash, role, departments, created_at, label, expires_at, revoked_at)
         VALUES (@hash, @role, @departments, @created_at, @label, @expires_at, @revoked_at)`,
      )
      .run(newTokenRow(token, spec, now));
    return token;
  }

  async verify(token: string, now = new Date()): Promise<Principal | null> {
    return principalOf(this.db.prepare('SELECT * FROM auth_tokens WHERE hash = ?').get(hashToken(token)) as TokenRow | undefined, now);
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) FROM auth_tokens').pluck().get() as number) ?? 0;
  }

  async list(): Promise<TokenInfo[]> {
    return (this.db.prepare('SELECT * FROM auth_tokens ORDER BY created_at, rowid').all() as TokenRow[]).map(infoOf);
  }

  async revoke(id: string, now = new Date()): Promise<boolean> {
    const rows = this.db.prepare('SELECT hash FROM auth_tokens').pluck().all() as string[];
    const hash = rows.find((candidate) => tokenIdOf(candidate) === id);
    if (!hash) return false;
    this.db.prepare('UPDATE auth_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE hash = ?').run(now.toISOString(), hash);
    return true;
  }
}
