import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseLedger } from '@bem/ledger-io';
import { todayInChina } from '@bem/domain';
import type { ApiRuntime } from './api-runtime';
import { DEMO_DEPARTMENT, currentYearDemo } from './demo-current-year';

export const DEMO_LEDGER = resolve(__dirname, '../demo/demo-ledger.jsonl');
/** Who booked the demo (shown in every project's history) */
const DEMO_METADATA = { source: 'demo', actor: '演示数据' };

/**
 * First start over an empty store: imports the demo ledger (四川省医疗保障局 2020) and the current year generated from
 * the start date (demo-current-year.ts: open projects, payments under way) through the command handler, evaluates
 * the checkpoints of both years (each under its assigned profile) and creates an admin token. Returns that token, or
 * null when the store had events.
 */
export async function seedDemo(runtime: ApiRuntime, file: string = DEMO_LEDGER, now: Date = new Date()): Promise<string | null> {
  if ((await runtime.store.headPosition()) > 0) return null;
  const parsed = parseLedger(readFileSync(file, 'utf8'));
  if (parsed.errors.length) throw new Error(`demo ledger ${file} is invalid: line ${parsed.errors[0].line}: ${parsed.errors[0].message}`);
  const result = await runtime.handler.handleBatch(
    parsed.lines.map((line) => line.command),
    DEMO_METADATA,
  );
  if (result.rejected.length) throw new Error(`demo ledger rejected: ${result.rejected[0].error.message}`);
  const today = todayInChina(now);
  const current = await runtime.handler.handleBatch(currentYearDemo(today), DEMO_METADATA);
  if (current.rejected.length) throw new Error(`demo current year rejected: ${current.rejected[0].error.message}`);
  // The 2020 year is past and the current one has checkpoints behind it: evaluate both now so the inbox shows what they raised.
  await runtime.checkpoints.evaluate(DEMO_DEPARTMENT, 2020);
  await runtime.checkpoints.evaluate(DEMO_DEPARTMENT, Number(today.slice(0, 4)), undefined, { now });
  return runtime.tokens.create({ role: 'admin', departments: '*', label: '演示管理员' });
}
