import { createHash } from 'node:crypto';
import { storedEventInvalid } from '@bem/domain';
import type { EventStore, RecordedEvent } from '@bem/event-store';
import { z } from 'zod';
import { type Principal, ROLES } from './roles';
import { type NewToken, type TokenInfo, type TokenRow, type TokenStore, generateToken, hashToken, infoOf, newTokenRow, principalOf, tokenIdOf } from './token-rows';

/** The stream holding issued tokens (hashes only) when the event store has no sqlite file of its own. */
export const TOKEN_STREAM = 'auth-tokens';

/**
 * Tokens as events (`TokenIssued` with the hash only, `TokenRevoked`) in the event store itself: every api
 * instance of a KurrentDB deployment sees the tokens any of them (or `bem token create`) issued or revoked.
 * Reads catch up from the last revision seen.
 */
export class EventSourcedTokenStore implements TokenStore {
  private readonly rows = new Map<string, TokenRow>();
  private revision = -1;

  constructor(private readonly store: EventStore) {}

  async create(spec: NewToken, now = new Date()): Promise<string> {
    const token = generateToken();
    const row = newTokenRow(token, spec, now);
    await this.store.append(TOKEN_STREAM, [{ id: eventIdOf(`token:${row.hash}`), type: 'TokenIssued', data: row, metadata: { source: 'auth' } }]);
    return token;
  }

  async verify(token: string, now = new Date()): Promise<Principal | null> {
    await this.catchUp();
    return principalOf(this.rows.get(hashToken(token)), now);
  }

  async count(): Promise<number> {
    await this.catchUp();
    return this.rows.size;
  }

  async list(): Promise<TokenInfo[]> {
    await this.catchUp();
    return [...this.rows.values()].map(infoOf);
  }

  async revoke(id: string, now = new Date()): Promise<boolean> {
    await this.catchUp();
    const row = [...this.rows.values()].find((candidate) => tokenIdOf(candidate.hash) === id);
    if (!row) return false;
    if (row.revoked_at) return true;
    const revokedAt = now.toISOString();
    await this.store.append(TOKEN_STREAM, [{ id: eventIdOf(`revoke:${row.hash}`), type: 'TokenRevoked', data: { hash: row.hash, revokedAt }, metadata: { source: 'auth' } }]);
    await this.catchUp();
    return true;
  }

  private async catchUp(): Promise<void> {
    for (const event of await this.store.readStream(TOKEN_STREAM, { fromRevision: this.revision + 1 })) {
      if (event.type === 'TokenIssued') {
        const row = parsed(event, TOKEN_ISSUED);
        this.rows.set(row.hash, { ...row, label: row.label ?? null, expires_at: row.expires_at ?? null, revoked_at: null });
      } else if (event.type === 'TokenRevoked') {
        const { hash, revokedAt } = parsed(event, TOKEN_REVOKED);
        const row = this.rows.get(hash);
        if (row && !row.revoked_at) row.revoked_at = revokedAt;
      }
      this.revision = event.revision;
    }
  }
}

/** The stored token events, parsed on read (a row that does not parse names its stream and revision). */
const TOKEN_ISSUED = z.object({
  hash: z.string().min(1), role: z.enum(ROLES), departments: z.string(), created_at: z.string(),
  label: z.string().nullable().optional(), expires_at: z.string().nullable().optional(),
});
const TOKEN_REVOKED = z.object({ hash: z.string().min(1), revokedAt: z.string() });

function parsed<T>(event: RecordedEvent, schema: z.ZodType<T>): T {
  const result = schema.safeParse(event.data);
  if (!result.success) throw storedEventInvalid(event, result.error.issues);
  return result.data;
}

/** A UUID derived from what the event records: re-appending the same issuance or revocation is a no-op. */
function eventIdOf(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
