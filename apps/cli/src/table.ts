/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(char) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number, alignRight: boolean) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? fill + text : text + fill;
};

/** A plain-text table; columns listed in `right` are right-aligned (figures). */
export function renderTable(headers: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((header, col) => Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[col] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, col) => pad(cell, widths[col], right.has(col))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
