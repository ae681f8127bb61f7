import { ROLES, type Role, type TokenInfo, parseDepartments, tokenStoreFor } from '@bem/auth';
import { EXIT, type CliIO, UsageError } from '../io';
import type { Runtime } from '../runtime';
import { renderTable } from '../table';

export interface TokenOptions {
  role?: string;
  departments?: string;
  label?: string;
  expiresInDays?: string;
  json?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isRole = (value: string | undefined): value is Role => (ROLES as readonly string[]).includes(value ?? '');

function expiryOf(days: string | undefined, now: Date): Date | null {
  if (days === undefined) return null;
  if (!/^\d{1,5}$/.test(days) || Number(days) < 1) {
    throw new UsageError(`--expires-in-days 须为正整数 / --expires-in-days must be a whole number of days ≥ 1 (got "${days}")`);
  }
  return new Date(now.getTime() + Number(days) * DAY_MS);
}

/** `bem token create`: prints a new API bearer token once; only its SHA-256 hash is stored. */
export async function createToken(runtime: Runtime, options: TokenOptions, io: CliIO): Promise<number> {
  if (!isRole(options.role)) throw new UsageError(`--role 须为 ${ROLES.join(' / ')} 之一 / --role must be one of ${ROLES.join(', ')}`);
  const departments = parseDepartments(options.departments ?? '');
  if (!departments) throw new UsageError('--departments 须为部门编码列表或 * / --departments must be a list of codes (a,b) or *');
  const now = new Date();
  const expiresAt = expiryOf(options.expiresInDays, now);
  const token = await tokenStoreFor(runtime.store).create({ role: options.role, departments, label: options.label, expiresAt }, now);
  if (options.json) {
    io.stdout(`${JSON.stringify({ token, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) })}\n`);
  } else {
    const scope = departments === '*' ? '全部部门 all departments' : departments.join(', ');
    const until = expiresAt ? `，有效期至 ${expiresAt.toISOString()} / valid until ${expiresAt.toISOString()}` : '';
    io.stdout(`${token}\n`);
    io.stderr(`已创建 ${options.role} 令牌（${scope}）${until}，请妥善保存，此后无法再次查看 / token created; store it now, it is not shown again\n`);
  }
  return EXIT.ok;
}

const stateOf = (info: TokenInfo, now: number): string =>
  info.revokedAt ? '已吊销 revoked' : info.expiresAt && Date.parse(info.expiresAt) <= now ? '已过期 expired' : '有效 active';

/** `bem token list`: every token's id, role, scope and instants; never the token itself. */
export async function listTokens(runtime: Runtime, options: { json?: boolean }, io: CliIO): Promise<number> {
  const tokens = await tokenStoreFor(runtime.store).list();
  if (options.json) {
    io.stdout(`${JSON.stringify(tokens.map(({ id, role, departments, label, createdAt, expiresAt, revokedAt }) => ({ id, role, departments, label, createdAt, expiresAt, revokedAt })))}\n`);
    return EXIT.ok;
  }
  const now = Date.now();
  io.stdout(`令牌 tokens (${tokens.length})\n`);
  io.stdout(`${renderTable(
    ['编号 id', '角色 role', '部门 departments', '创建 created', '到期 expires', '状态 state', '备注 label'],
    tokens.map((t) => [t.id, t.role, t.departments === '*' ? '*' : t.departments.join(','), t.createdAt, t.expiresAt ?? '—', stateOf(t, now), t.label ?? '']),
  )}\n`);
  return EXIT.ok;
}

/** `bem token revoke <id>`: the token is refused (401) from then on; an unknown id exits 1 naming it. */
export async function revokeToken(runtime: Runtime, id: string, options: { json?: boolean }, io: CliIO): Promise<number> {
  const revoked = await tokenStoreFor(runtime.store).revoke(id);
  if (!revoked) {
    io.stderr(`id: 令牌 ${id} 不存在 / no token with id ${id} (see bem token list)\n`);
    return EXIT.rejected;
  }
  io.stdout(options.json ? `${JSON.stringify({ id, revoked: true })}\n` : `已吊销令牌 ${id} / token ${id} revoked\n`);
  return EXIT.ok;
}
