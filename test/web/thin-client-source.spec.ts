import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const WEB = join(ROOT, 'apps/web/src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
const sources = files(WEB).map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }));

/** The argument of every `Number(…)` call in a text (balanced parentheses). */
function numberArguments(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf('Number('); at !== -1; at = text.indexOf('Number(', at + 1)) {
    let depth = 0;
    let end = at + 'Number'.length;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    found.push(text.slice(at + 'Number('.length, end));
  }
  return found;
}

const MONEY = /amount|paid|budget|balance|arrived|available|requested|figure|yuan|wan\b/i;
/** Plot coordinates: the chart library takes numbers (万元 of a curve point, display only, never compared or summed). */
const PLOTTING = new Set(['apps/web/src/chart.ts']);

describe('a thin web client (apps/web)', () => {
  it('never turns money into a JS number outside the chart\'s plot coordinates; no parseFloat, no unary plus', () => {
    const offending = sources.flatMap(({ file, text }) => [
      ...(PLOTTING.has(file) ? [] : numberArguments(text).filter((argument) => MONEY.test(argument) && !argument.startsWith('formatWan(')).map((argument) => `${file}: Number(${argument})`)),
      ...[...text.matchAll(/parseFloat\(|[=(,:?]\s*\+[A-Za-z_]/g)].map((match) => `${file}: ${match[0]}`),
    ]);
    expect(offending).toEqual([]);
    // The one money→number conversion is named for what it is for
    expect(sources.find((s) => s.file === 'apps/web/src/format.ts')!.text).toMatch(/wanNumber[^\n]*\n?[^\n]*formatWan\(money\(amount\)\)/);
  });

  it('the response types are the server\'s (libs/contracts), not re-declared in the client', () => {
    const api = sources.find((s) => s.file === 'apps/web/src/api.ts')!.text;
    expect(api).toMatch(/export type \{[^}]*\bAlertPage\b[^}]*\bMe\b[^}]*\bProfileList\b[^}]*\} from '@bem\/contracts'/);
    for (const name of ['AlertRow', 'AlertPage', 'AlertList', 'Me', 'ProfileList', 'ProfileAssignmentView', 'AvailableBudget']) {
      expect(sources.filter(({ text }) => new RegExp(`export interface ${name}\\b`).test(text)).map((s) => s.file), name).toEqual([]);
    }
    // The server builds them: the alert list and the dashboard routes are typed by the same module
    const server = ['libs/monitoring/src/alerts/alert-list.ts', 'libs/monitoring/src/alerts/alert-query.ts', 'apps/api/src/web/web-support.controller.ts']
      .map((file) => readFileSync(join(ROOT, file), 'utf8'));
    expect(server.every((text) => text.includes("from '@bem/contracts'"))).toBe(true);
  });

  it('finds what it looks for (the scan itself)', () => {
    expect(numberArguments('a = Number(row.paid) + Number(x(1))')).toEqual(['row.paid', 'x(1)']);
    expect([...'x = +amount'.matchAll(/[=(,:?]\s*\+[A-Za-z_]/g)]).toHaveLength(1);
  });
});
