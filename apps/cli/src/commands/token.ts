import { ROLES, type Role, parseDepartments, tokenStoreFor } from '@bem/auth';
import { EXIT, type CliIO, UsageError } from '../io';
import type { Runtime } from '../runtime';

export interface TokenOptions {
  role?: string;
  departments?: string;
  label?: string;
  json?: boolean;
}

const isRole = (value: string | undefined): value is Role => (ROLES as readonly string[]).includes(value ?? '');

/** `bem token create`: prints a new API bearer token once; only its SHA-256 hash is stored. */
export async function createToken(runtime: Runtime, options: TokenOptions, io: CliIO): Promise<number> {
  if (!isRole(options.role)) throw new UsageError(`--role 须为 ${ROLES.join(' / ')} 之一 / --role must be one of ${ROLES.join(', ')}`);
  const departments = parseDepartments(options.departments ?? '');
  if (!departments) throw new UsageError('--departments 须为部门编码列表或 * / --departments must be a list of codes (a,b) or *');
  const token = await tokenStoreFor(runtime.store).create({ role: options.role, departments, label: options.label });
  if (options.json) {
    io.stdout(`${JSON.stringify({ token })}\n`);
  } else {
    const scope = departments === '*' ? '全部部门 all departments' : departments.join(', ');
    io.stdout(`${token}\n`);
    io.stderr(`已创建 ${options.role} 令牌（${scope}），请妥善保存，此后无法再次查看 / token created; store it now, it is not shown again\n`);
  }
  return EXIT.ok;
}
