import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where a CLI run writes: real streams in production, buffers in tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bars only then). */
  stderrIsTTY: boolean;
}

export const processIO = (): CliIO => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
});

/** Exit codes (architecture §5): 0 ok, 1 domain or validation error, 2 usage error. */
export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

/** A wrong invocation: bad option value, missing file … */
export class UsageError extends Error {}

/** Writes an `--out` file, making its folder first (`--out data/自评报告.docx` on a fresh clone). */
export function writeOutFile(file: string, body: Buffer | string): void {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, body);
}
