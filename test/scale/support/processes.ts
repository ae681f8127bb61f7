import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

/** The environment of a child: never a KurrentDB URL from the caller's shell (these tests are about sqlite). */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.BEM_EVENTSTORE_URL;
  for (const [key, value] of Object.entries(extra)) if (value === undefined) delete env[key];
  return env;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** `npm run -s bem -- token create --role admin --departments '*' --json --store <file>`, in its own process. */
export async function adminToken(store: string): Promise<string> {
  const { stdout } = await run('npm', ['run', '-s', 'bem', '--', 'token', 'create', '--role', 'admin', '--departments', '*', '--json', '--store', store], {
    cwd: ROOT,
    env: childEnv({}),
  });
  return (JSON.parse(stdout) as { token: string }).token;
}

export interface ApiProcess {
  url: string;
  /** What the instance reported once listening (its start-up catch-up). */
  started: { port: number; checkpoint: number; caughtUp: number; position: number; pid: number };
  stop(): Promise<void>;
}

/** Starts one api instance as a real process (`tsx test/scale/support/api-process.ts`) and waits until it listens. */
export async function startApiProcess(env: { BEM_STORE: string; BEM_READMODEL_STORE?: string }): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'api-process.ts')], {
    cwd: ROOT,
    env: childEnv({ ...env, BEM_PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const started = await new Promise<ApiProcess['started']>((resolveStart, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`api process did not start in 30 s: ${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((text) => text.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolveStart(JSON.parse(line) as ApiProcess['started']);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`api process exited (${code}) before listening: ${stderr}`));
    });
  });
  return { url: `http://127.0.0.1:${started.port}`, started, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

/** fetch with a bearer token; JSON in, JSON out. */
export async function request(base: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
