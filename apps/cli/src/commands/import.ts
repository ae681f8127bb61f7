import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { SingleBar } from 'cli-progress';
import { type BatchResult, type OutcomeCounts, countOutcomes } from '@bem/commands';
import { EXIT, type CliIO, UsageError } from '../io';
import { type LedgerLine, type LineIssue, formatIssue, formatOfFileName, parseUnit, readLedger } from '@bem/ledger-io';
import type { Runtime } from '../runtime';

export interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
  actor?: string;
  /** 元 (default) or 万元: unit of the file's amounts. */
  unit?: string;
}

/** Files this long get a progress bar on a terminal. */
const PROGRESS_BAR_LINES = 5_000;

export async function importLedger(runtime: Runtime, file: string, options: ImportOptions, io: CliIO): Promise<number> {
  if (!existsSync(file)) throw new UsageError(`文件不存在 / no such file: ${file}`);
  const format = formatOfFileName(file);
  if (!format) {
    throw new UsageError(
      `暂不支持的文件格式 / unsupported ledger format "${extname(file).toLowerCase()}": use .jsonl, .csv or .xlsx`,
    );
  }
  const unit = parseUnit(options.unit);
  if (!unit) throw new UsageError(`--unit 须为 元 或 万元 / --unit must be 元 or 万元 (got "${options.unit}")`);
  const parsed = await readLedger(readFileSync(file), format, { fileName: basename(file), unit });
  for (const warning of parsed.warnings) io.stderr(`warning: ${formatIssue(warning)}\n`);

  const bar = parsed.lines.length >= PROGRESS_BAR_LINES && io.stderrIsTTY ? startBar(parsed.lines.length) : null;
  const result = await runtime.handler.handleBatch(
    parsed.lines.map((entry) => entry.command),
    {
      dryRun: options.dryRun || parsed.errors.length > 0,
      actor: options.actor ?? process.env.USER ?? 'cli',
      source: `cli-import:${basename(file)}`,
      onProgress: (done) => bar?.update(done),
    },
  );
  bar?.stop();

  const errors = [...parsed.errors, ...domainIssues(parsed.lines, result)].sort((a, b) => a.line - b.line);
  if (errors.length) {
    for (const issue of errors) io.stderr(`${formatIssue(issue)}\n`);
    io.stderr(`导入被拒绝，未写入任何记录 / import rejected, nothing appended: ${errors.length} problem(s) in ${file}\n`);
    if (options.json) io.stdout(`${JSON.stringify({ file, ok: false, appended: 0, errors })}\n`);
    return EXIT.rejected;
  }

  const summary = summarise(file, parsed.lines.length, result, Boolean(options.dryRun));
  io.stdout(options.json ? `${JSON.stringify(summary)}\n` : `${describe(summary)}\n`);
  return EXIT.ok;
}

function domainIssues(lines: LedgerLine[], result: BatchResult): LineIssue[] {
  return result.rejected.map(({ index, error }) => ({ line: lines[index].line, field: error.field, message: error.message }));
}

interface ImportSummary extends OutcomeCounts {
  file: string;
  ok: true;
  dryRun: boolean;
  commands: number;
}

function summarise(file: string, commands: number, result: BatchResult, dryRun: boolean): ImportSummary {
  return { file, ok: true, dryRun, commands, ...countOutcomes(result) };
}

function describe(summary: ImportSummary): string {
  const verb = summary.dryRun ? '校验通过（未写入）/ dry run OK, nothing appended' : '导入完成 / imported';
  return `${verb}: ${summary.commands} 条命令 commands, ${summary.appended} 条新记录 new (${summary.events} events), ${summary.duplicates} 条已存在 already recorded`;
}

function startBar(total: number): SingleBar {
  const bar = new SingleBar({
    stream: process.stderr,
    format: '导入 importing [{bar}] {percentage}% | {value}/{total} | ETA {eta}s',
    hideCursor: true,
  });
  bar.start(total, 0);
  return bar;
}
