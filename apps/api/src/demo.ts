import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseLedger } from '@bem/ledger-io';
import type { ApiRuntime } from './api-runtime';

export const DEMO_LEDGER = resolve(__dirname, '../demo/demo-ledger.jsonl');

/**
 * First start over an empty store: imports the demo ledger (四川省医疗保障局 2020) through the command
 * handler, evaluates its checkpoints (under its assigned profile, sichuan-2020) and creates an admin token for it. Returns that token, or null when the store had events.
 */
export async function seedDemo(runtime: ApiRuntime, file: string = DEMO_LEDGER): Promise<string | null> {
  if ((await runtime.store.headPosition()) > 0) return null;
  const parsed = parseLedger(readFileSync(file, 'utf8'));
  if (parsed.errors.length) throw new Error(`demo ledger ${file} is invalid: line ${parsed.errors[0].line}: ${parsed.errors[0].message}`);
  const result = await runtime.handler.handleBatch(
    parsed.lines.map((line) => line.command),
    { source: 'demo', actor: 'demo' },
  );
  if (result.rejected.length) throw new Error(`demo ledger rejected: ${result.rejected[0].error.message}`);
  // The demo year is past: evaluate its checkpoints now so the inbox shows what the 6/9/11月 checks raised.
  await runtime.checkpoints.evaluate('sc-ybj', 2020);
  return runtime.tokens.create({ role: 'admin', departments: '*', label: 'demo admin' });
}
