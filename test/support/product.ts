/**
 * The product as people start it: `npm start` (and `npm run worker`) as child processes on a free port
 * over a temp store. Tests of a started product go through here, never through an in-process Nest app.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../scale/support/processes';

export const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process printed so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM to the whole process group (npm, tsx and node), SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL to the whole process group at once: a crash. */
  kill(): Promise<void>;
}

export interface StartedProduct extends StartedProcess {
  url: string;
  port: number;
  store: string;
  dataDir: string;
}

export interface ProductOptions {
  /** Event store spec (BEM_STORE / BEM_EVENTSTORE_URL); default a fresh SQLite file in a temp folder. */
  store?: string;
  /** Extra environment; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  /** How long to wait for /health to answer (default 90 s: tsx and the dashboard build on a cold start). */
  timeoutMs?: number;
}

/** The child's environment: the caller's, without any store, Redis or port setting it did not ask for. */
export function productEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['BEM_EVENTSTORE_URL', 'BEM_STORE', 'BEM_REDIS_URL', 'BEM_PORT', 'BEM_WORKER', 'BEM_READMODEL_STORE']) delete env[key];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export const tempDir = (prefix = 'bem-product-'): string => mkdtempSync(join(tmpdir(), prefix));

/** Spawns `npm <args>` in its own process group, so stop() ends npm, tsx and node together. */
export function spawnNpm(args: string[], env: NodeJS.ProcessEnv): StartedProcess {
  const child = spawn('npm', args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const ended = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
      signalGroup('SIGTERM');
      await ended;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup('SIGKILL');
      await ended;
    },
  };
}

async function waitForHealth(url: string, proc: StartedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`npm start exited (${proc.child.exitCode}) before listening:\n${proc.stderr()}\n${proc.stdout()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200 || response.status === 503) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await proc.stop();
  throw new Error(`npm start did not answer /health in ${timeoutMs} ms:\n${proc.stderr()}\n${proc.stdout()}`);
}

/** `npm start` on a free port over a temp SQLite store (or the given one), waited for until /health answers. */
export async function startProduct(options: ProductOptions = {}): Promise<StartedProduct> {
  const dataDir = tempDir();
  const store = options.store ?? join(dataDir, 'bem.sqlite');
  const port = await freePort();
  const storeVar = /^[a-z]+:\/\//i.test(store) ? 'BEM_EVENTSTORE_URL' : 'BEM_STORE';
  const env = productEnv({ BEM_PORT: String(port), BEM_HOST: '127.0.0.1', BEM_DATA_DIR: dataDir, [storeVar]: store, ...options.env });
  const proc = spawnNpm(['start'], env);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, proc, options.timeoutMs ?? 90_000);
  return { ...proc, url, port, store, dataDir };
}

/** `npm run worker` over the same store and Redis as a started product. */
export function startWorkerProcess(store: string, env: Record<string, string | undefined> = {}): StartedProcess {
  const storeVar = /^[a-z]+:\/\//i.test(store) ? 'BEM_EVENTSTORE_URL' : 'BEM_STORE';
  return spawnNpm(['run', 'worker'], productEnv({ [storeVar]: store, ...env }));
}

/** `npm run -s bem -- <args>` in its own process; never throws on a non-zero exit. */
export async function bem(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '-s', 'bem', '--', ...args], { cwd: ROOT, env: productEnv(env), maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A token for the started product, made by the CLI over the same store. */
export async function productToken(product: { store: string }, role = 'admin', departments = '*'): Promise<string> {
  const result = await bem(['token', 'create', '--role', role, '--departments', departments, '--json', '--store', product.store]);
  if (result.code !== 0) throw new Error(`bem token create failed (${result.code}): ${result.stderr}`);
  return (JSON.parse(result.stdout) as { token: string }).token;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  contentType: string;
  body: Buffer;
  json(): any;
  text(): string;
}

/** fetch against a started product with a bearer token; objects go as JSON, strings and buffers raw. */
export async function http(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: RequestInit['body'];
  if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) body = options.body as RequestInit['body'];
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const buffer = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get('content-type') ?? '',
    body: buffer,
    text: () => buffer.toString('utf8'),
    json: () => JSON.parse(buffer.toString('utf8')),
  };
}
