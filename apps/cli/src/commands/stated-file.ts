import { readFileSync } from 'node:fs';
import type { StatedFigure } from '@bem/evaluation';
import { z } from 'zod';

/**
 * `bem evaluate --stated <file>`: the figures a report states, to check against the ledger besides the
 * RecordStatedFigure events. JSON: an array of { figure | sumOf, value, label? }; CSV: a header line
 * `figure,value,label` (figure may be `a+b+c` for a printed subtotal). A bad line rejects the whole file.
 */
const Stated = z
  .object({
    figure: z.string().min(1).optional(),
    sumOf: z.array(z.string().min(1)).min(1).optional(),
    value: z.string().regex(/^-?\d+(\.\d+)?$/, '数值须为十进制数 / value must be a decimal number'),
    label: z.string().min(1).optional(),
    source: z.string().optional(),
  })
  .strict()
  .refine((s) => Boolean(s.figure) !== Boolean(s.sumOf), { message: '须给出 figure 或 sumOf 之一 / give exactly one of figure or sumOf' });

function csvRows(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0].split(',').map((h) => h.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.trim());
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']).filter(([, v]) => v !== ''));
  });
}

export function readStatedFile(file: string): StatedFigure[] {
  const text = readFileSync(file, 'utf8');
  const json = file.endsWith('.json');
  const rows: unknown[] = json ? (JSON.parse(text) as unknown[]) : csvRows(text).map((row) => (row.figure?.includes('+') ? { ...row, figure: undefined, sumOf: row.figure.split('+').map((f) => f.trim()) } : row));
  if (!Array.isArray(rows)) throw new Error(`${file}：须为数组 / must be an array of stated figures`);
  const problems: string[] = [];
  const stated = rows.flatMap((row, i) => {
    const parsed = Stated.safeParse(row);
    if (parsed.success) return [{ ...parsed.data, label: parsed.data.label ?? parsed.data.figure ?? parsed.data.sumOf!.join('+') }];
    const line = json ? `第${i + 1}项 / item ${i + 1}` : `第${i + 2}行 / line ${i + 2}`;
    problems.push(...parsed.error.issues.map((issue) => `${file} ${line}：${issue.path.join('.') || '—'}：${issue.message}`));
    return [];
  });
  if (problems.length) throw new Error(`所载数字文件有误，未作核对 / stated-figure file rejected:\n${problems.join('\n')}`);
  return stated;
}
