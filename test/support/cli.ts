import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../apps/cli/src/cli';

export const FIXTURES = resolve(__dirname, '../fixtures');
export const fixture = (name: string) => join(FIXTURES, name);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `bem` in-process against the given store, capturing what it prints. */
export async function bem(store: string, ...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--store', store], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}

/** A fresh sqlite store path in its own temp folder. */
export const freshStore = (): string => join(mkdtempSync(join(tmpdir(), 'bem-cli-')), 'bem.sqlite');

/** Writes ledger lines (objects or raw text) to a temp .jsonl file. */
export function ledgerFile(lines: (Record<string, unknown> | string)[], name = 'ledger.jsonl'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bem-ledger-')), name);
  writeFileSync(path, `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`);
  return path;
}

export const json = <T = Record<string, any>>(run: CliRun): T => JSON.parse(run.stdout) as T;
