import { bem, fixture, freshStore, json, ledgerFile } from '../support/cli';

/** A fresh sqlite store with a fixture ledger (and extra lines) imported through the CLI. */
export async function storeWith(name: string, extra: Record<string, unknown>[] = []): Promise<string> {
  const store = freshStore();
  const imported = await bem(store, 'import', fixture(`${name}.jsonl`));
  if (imported.code !== 0) throw new Error(imported.stderr);
  if (extra.length) {
    const more = await bem(store, 'import', ledgerFile(extra));
    if (more.code !== 0) throw new Error(more.stderr);
  }
  return store;
}

export async function evaluateJson(store: string, department: string, year: string, profile: string) {
  const run = await bem(store, 'evaluate', '--department', department, '--year', year, '--profile', profile, '--format', 'json');
  if (run.code !== 0) throw new Error(run.stderr);
  return json(run);
}

export const item = (report: Record<string, any>, name: string) =>
  report.sections.flatMap((section: { items: Record<string, any>[] }) => section.items).find((entry: Record<string, any>) => entry.name === name);
