/**
 * Shared pieces of the drills (test/drills/*.spec.ts and their full-scale script bench/drills.ts):
 * a seeded PRNG, real `bem` processes, an independent decimal.js oracle over a ledger file, and a
 * direct look into the sqlite file (not through the product's code) to check what was appended.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';

export const ROOT = resolve(__dirname, '../..');
export const CLI = resolve(ROOT, 'apps/cli/src/main.ts');

/** mulberry32: deterministic numbers in [0, 1) for a seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The environment of a child process: sqlite only, whatever the caller's shell says. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.BEM_EVENTSTORE_URL;
  delete env.BEM_READMODEL_STORE;
  delete env.BEM_REDIS_URL;
  return env;
}

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds from spawn to exit. */
  ms: number;
}

/** Spawns `node --import tsx <script> …args`; `run.done` resolves at exit. */
export function spawnTsx(script: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<ProcessRun> } {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const done = new Promise<ProcessRun>((resolveRun, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolveRun({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
  return { child, done };
}

/** `bem …args` as its own OS process (the real entry point, apps/cli/src/main.ts). */
export const bemProcess = (args: string[], env: Record<string, string> = {}) => spawnTsx(CLI, args, env);
export const runBem = (args: string[], env: Record<string, string> = {}) => bemProcess(args, env).done;

export { type DepartmentTotals, type Line, ledgerOracle, pickTotals, readLedgerLines } from '../support/ledger-oracle';

export interface StoreCensus {
  events: number;
  /** Distinct command ids among the events' metadata. */
  commands: number;
  /** Command ids whose events are not exactly `expectedEventsPerCommand` (a half-applied command). */
  partial: string[];
  head: number;
}

/** What the sqlite file holds, read with a plain read-only connection (no product code). */
export function censusOf(storePath: string, expectedEventsPerCommand = 1): StoreCensus {
  if (!existsSync(storePath)) return { events: 0, commands: 0, partial: [], head: 0 }; // killed before it was created
  const db = new Database(storePath, { readonly: true, fileMustExist: true });
  try {
    const hasEvents = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'").pluck().get() as number;
    if (!hasEvents) return { events: 0, commands: 0, partial: [], head: 0 };
    const perCommand = db
      .prepare("SELECT json_extract(metadata, '$.commandId') AS commandId, count(*) AS n FROM events GROUP BY commandId")
      .all() as { commandId: string; n: number }[];
    const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    const head = (db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck().get() as number) ?? 0;
    return { events, commands: perCommand.length, partial: perCommand.filter((row) => row.n !== expectedEventsPerCommand).map((row) => row.commandId), head };
  } finally {
    db.close();
  }
}

export const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
