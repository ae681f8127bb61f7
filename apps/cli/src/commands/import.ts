import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { CommandChunk, OutcomeCounts } from '@bem/commands';
import { EXIT, type CliIO, UsageError } from '../io';
import { type LedgerFormat, type LineIssue, formatIssue, formatOfFileName, parseUnit } from '@bem/ledger-io';
import { ledgerChunks } from '../import/ledger-source';
import type { Runtime } from '../runtime';

export interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
  actor?: string;
  /** 元 (default) or 万元: unit of the file's amounts. */
  unit?: string;
  /** The lines' own recordedAt become the known-at instants (history migrated from another system). */
  migrate?: boolean;
}

/** Files this big (about 5,000 lines) get a progress bar on a terminal. */
const PROGRESS_BAR_BYTES = 512 * 1024;

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
  const errors: LineIssue[] = [];
  const size = statSync(file).size;
  const bar = size >= PROGRESS_BAR_BYTES && io.stderrIsTTY ? startBar(size) : null;
  let firstPass = true;
  let bytesRead = 0;
  // Read chunk by chunk (memory stays bounded by a chunk); the handler may read the file twice (stores without transactions).
  async function* chunks(): AsyncGenerator<CommandChunk> {
    for await (const chunk of ledgerChunks(file, format as LedgerFormat, { fileName: basename(file), unit: unit ?? undefined })) {
      if (firstPass) {
        for (const warning of chunk.warnings) io.stderr(`warning: ${formatIssue(warning)}\n`);
        errors.push(...chunk.errors);
      }
      bytesRead = chunk.bytesRead;
      yield { commands: chunk.commands, refs: chunk.refs, problems: chunk.errors.length, identities: chunk.identities };
    }
    firstPass = false;
  }
  const result = await runtime.handler.handleStream(chunks, {
    dryRun: options.dryRun,
    migrate: Boolean(options.migrate),
    actor: options.actor ?? process.env.USER ?? 'cli',
    source: `cli-import:${basename(file)}`,
    onProgress: (done) => bar?.update(bytesRead, { lines: done }),
  });
  bar?.stop();

  errors.push(...result.rejected.map(({ ref, error }) => ({ line: ref, field: error.field, message: error.message })));
  if (errors.length) {
    errors.sort((a, b) => a.line - b.line);
    for (const issue of errors) io.stderr(`${formatIssue(issue)}\n`);
    io.stderr(`导入被拒绝，未写入任何记录 / import rejected, nothing appended: ${errors.length} problem(s) in ${file}\n`);
    if (options.json) io.stdout(`${JSON.stringify({ file, ok: false, appended: 0, errors })}\n`);
    return EXIT.rejected;
  }

  const summary: ImportSummary = {
    file,
    ok: true,
    dryRun: Boolean(options.dryRun),
    commands: result.commands,
    appended: result.appended,
    duplicates: result.duplicates,
    events: result.events,
  };
  io.stdout(options.json ? `${JSON.stringify(summary)}\n` : `${describe(summary)}\n`);
  return EXIT.ok;
}

interface ImportSummary extends OutcomeCounts {
  file: string;
  ok: true;
  dryRun: boolean;
  commands: number;
}

function describe(summary: ImportSummary): string {
  const verb = summary.dryRun ? '校验通过（未写入）/ dry run OK, nothing appended' : '导入完成 / imported';
  return `${verb}: ${summary.commands} 条命令 commands, ${summary.appended} 条新记录 new (${summary.events} events), ${summary.duplicates} 条已存在 already recorded`;
}

function startBar(total: number): SingleBar {
  const bar = new SingleBar({
    stream: process.stderr,
    format: '导入 importing [{bar}] {percentage}% | {lines} lines | ETA {eta}s',
    hideCursor: true,
  });
  bar.start(total, 0, { lines: 0 });
  return bar;
}
