import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from './roles';

export interface NewToken {
  role: Role;
  departments: readonly string[] | '*';
  label?: string;
  /** After this instant the token is refused (401); null or absent: it does not expire. */
  expiresAt?: Date | null;
}

/** What `bem token list` and the admin page show of a token: never the token, nor its hash. */
export interface TokenInfo {
  id: string;
  role: Role;
  departments: readonly string[] | '*';
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Bearer tokens, kept only as SHA-256 hashes: the token itself is shown once, when created. */
export interface TokenStore {
  /** Creates a token and returns it in clear (the only time it is available). */
  create(token: NewToken, now?: Date): Promise<string>;
  /** The principal of a presented token; null when it is unknown, expired or revoked. */
  verify(token: string, now?: Date): Promise<Principal | null>;
  /** How many tokens exist (the demo start prints an admin token only when there is none). */
  count(): Promise<number>;
  /** Every token, oldest first. */
  list(): Promise<TokenInfo[]>;
  /** Revokes the token with this id; false when there is none (revoking twice keeps the first instant). */
  revoke(id: string, now?: Date): Promise<boolean>;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 random bytes, base64url, with a recognisable prefix. */
export const generateToken = (): string => `bem_${randomBytes(32).toString('base64url')}`;

/** A token's public id: derived from its hash (so from the token), and useless to authenticate with. */
export const tokenIdOf = (hash: string): string => `tok_${createHash('sha256').update(`id:${hash}`).digest('hex').slice(0, 16)}`;

export interface TokenRow {
  hash: string;
  role: Role;
  departments: string;
  created_at: string;
  label: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

const departmentsOf = (row: TokenRow): readonly string[] | '*' => (row.departments === '*' ? '*' : (JSON.parse(row.departments) as string[]));

/** The principal of a row, or null when it is revoked or expired at `now`. */
export function principalOf(row: TokenRow | undefined, now: Date): Principal | null {
  if (!row || row.revoked_at) return null;
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return null;
  return { role: row.role, departments: departmentsOf(row), label: row.label };
}

export const infoOf = (row: TokenRow): TokenInfo => ({
  id: tokenIdOf(row.hash),
  role: row.role,
  departments: departmentsOf(row),
  label: row.label,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

export const newTokenRow = (token: string, spec: NewToken, now: Date): TokenRow => ({
  hash: hashToken(token),
  role: spec.role,
  departments: spec.departments === '*' ? '*' : JSON.stringify(spec.departments),
  created_at: now.toISOString(),
  label: spec.label ?? null,
  expires_at: spec.expiresAt ? spec.expiresAt.toISOString() : null,
  revoked_at: null,
});

