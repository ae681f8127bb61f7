import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../jobs/support/redis-server';

/** Where Debian (and most Linux distributions) put the PostgreSQL server binaries: the newest version found. */
export function postgresBinDir(): string | null {
  const fromEnv = process.env.BEM_PG_BIN?.trim();
  if (fromEnv && existsSync(join(fromEnv, 'pg_ctl'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.trim() : '';
  return found ? join(found, '..') : null;
}

/** Runs a server binary as the `postgres` user when we are root (initdb and postgres refuse to run as root). */
function asServerUser(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'runuser' : bin;
  const argv = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/**
 * A throw-away PostgreSQL server that a test starts (initdb + pg_ctl in a temp folder, on a free loopback port,
 * trust authentication) and stops. `BEM_TEST_POSTGRES_URL` names an existing server to use instead.
 */
export class PostgresServer {
  private stopped = false;

  private constructor(
    readonly url: string,
    private readonly stopServer: () => void,
  ) {}

  static async start(): Promise<PostgresServer> {
    const given = process.env.BEM_TEST_POSTGRES_URL?.trim();
    if (given) return new PostgresServer(given, () => undefined);
    const bin = postgresBinDir();
    if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql, or set BEM_PG_BIN)');
    const dir = mkdtempSync(join(tmpdir(), 'bem-pg-'));
    chmodSync(dir, 0o777); // the postgres user writes its data folder and socket here
    const data = join(dir, 'data');
    const port = await freePort();
    const owner = process.getuid?.() === 0 ? 'postgres' : (process.env.USER ?? 'postgres');
    asServerUser(join(bin, 'initdb'), ['-D', data, '-U', owner, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
    const stop = (): void => {
      try {
        asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    return new PostgresServer(`postgres://${owner}@127.0.0.1:${port}/postgres`, stop);
  }

  /** A URL on this server for a fresh, private schema (created at the store's first call). */
  schemaUrl(schema: string): string {
    return `${this.url}${this.url.includes('?') ? '&' : '?'}schema=${encodeURIComponent(schema)}`;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopServer();
  }
}

/**
 * Whether PostgreSQL tests run here: always under CI=true (a missing server then fails the suite loudly),
 * elsewhere only when a server can be started.
 */
export const postgresTestsEnabled = (): boolean =>
  process.env.CI === 'true' || Boolean(process.env.BEM_TEST_POSTGRES_URL) || postgresBinDir() !== null;
