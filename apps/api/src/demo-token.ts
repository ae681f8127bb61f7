import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** BEM_DATA_DIR, default ./data: where the product keeps what it writes beside the store. */
export const dataDir = (env: NodeJS.ProcessEnv = process.env): string => resolve(env.BEM_DATA_DIR || './data');

/**
 * How the person starting the demo gets its admin token. On a terminal it is printed once; anywhere else
 * (a pipe, a log file, a service manager's journal) it never goes to the stream: it is written to a file
 * only its owner can read (0600) in the data folder, and only that file's path is printed.
 */
export function announceDemoToken(token: string, url: string, out: { isTTY?: boolean; write(text: string): unknown } = process.stdout): void {
  const header = '\n已导入演示账本 demo ledger imported (sc-ybj, 2020).\n';
  const dashboard = `${url}/?token=${token}#/departments/sc-ybj?year=2020`;
  if (out.isTTY) {
    out.write(
      `${header}演示管理员令牌 demo admin token (shown once):\n  ${token}\n` +
        `  curl -H "Authorization: Bearer ${token}" ${url}/api/v1/departments/sc-ybj/progress?year=2020\n` +
        `仪表盘 dashboard:\n  ${dashboard}\n\n`,
    );
    return;
  }
  const folder = dataDir();
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'demo-admin-token.txt');
  writeFileSync(file, `${token}\n${dashboard}\n`, { mode: 0o600 });
  out.write(`${header}演示管理员令牌已写入（仅本人可读）/ demo admin token written (owner-only, 0600) to:\n  ${file}\n仪表盘 dashboard: ${url}/ (登录链接见该文件 / sign-in link in that file)\n\n`);
}
