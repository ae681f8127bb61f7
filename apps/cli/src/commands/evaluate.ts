import { type DisplayUnit, EvaluationService, ProjectFormsService, RENDER_FORMATS, type RenderFormat, type Rendered } from '@bem/evaluation';
import { EXIT, type CliIO, UsageError, writeOutFile } from '../io';
import type { Runtime } from '../runtime';
import { readStatedFile } from './stated-file';

export interface EvaluateOptions {
  department?: string;
  project?: string;
  unit?: string;
  decimals?: string;
  year: number;
  profile?: string;
  format?: string;
  out?: string;
  json?: boolean;
  /** a CSV / JSON file of figures the report states (figure, value[, label]) */
  stated?: string;
}

const BINARY = new Set<RenderFormat>(['xlsx', 'docx', 'pdf']);

/** --format (default md, json with --json); a binary format needs --out. */
export function formatOption(options: { format?: string; json?: boolean; out?: string }): RenderFormat {
  const format = (options.format ?? (options.json ? 'json' : 'md')) as RenderFormat;
  if (!RENDER_FORMATS.includes(format)) throw new UsageError(`--format 须为 ${RENDER_FORMATS.join(' / ')} 之一 / --format must be one of ${RENDER_FORMATS.join(', ')} (got "${format}")`);
  if (BINARY.has(format) && !options.out) throw new UsageError(`--format ${format} 须配合 --out <file> / --format ${format} needs --out <file>`);
  return format;
}

/** `bem evaluate`: the year-end 绩效自评 of a department, scored by a profile, in any format (reads only). */
export async function evaluate(runtime: Runtime, options: EvaluateOptions, io: CliIO): Promise<number> {
  const format = formatOption(options);
  const rendered = options.project
    ? await new ProjectFormsService(runtime.store, runtime.progress).renderProject(options.project, { year: options.year, profile: options.profile, format, display: displayOption(options) })
    : await new EvaluationService(runtime.store, runtime.progress).render(requireDepartment(options.department), options.year, options.profile, format, {
        stated: options.stated ? readStatedFile(options.stated) : undefined,
      });
  return writeRendered(rendered, format, options, io);
}

const requireDepartment = (code: string | undefined): string => {
  if (!code) throw new UsageError('须给出 --department 或 --project / give --department or --project');
  return code;
};

/** `--unit 元|万元 --decimals N`: how the forms print amounts (JSON keeps yuan strings). */
export function displayOption(options: { unit?: string; decimals?: string }): Partial<DisplayUnit> {
  const display: Partial<DisplayUnit> = {};
  if (options.unit !== undefined) {
    if (options.unit !== '元' && options.unit !== '万元') throw new UsageError(`--unit 须为 元 或 万元 / --unit must be 元 or 万元 (got "${options.unit}")`);
    display.unit = options.unit;
  }
  if (options.decimals !== undefined) {
    if (!/^[0-6]$/.test(options.decimals)) throw new UsageError(`--decimals 须为 0–6 的整数 / --decimals must be an integer 0–6 (got "${options.decimals}")`);
    display.decimals = Number(options.decimals);
  }
  return display;
}

/** Prints a rendered document, or writes it to --out (binary formats need --out). */
export function writeRendered(rendered: Rendered, format: RenderFormat, options: { out?: string; json?: boolean }, io: CliIO): number {
  if (options.out) {
    writeOutFile(options.out, rendered.body);
    if (options.json && format !== 'json') io.stdout(`${JSON.stringify({ out: options.out, format, bytes: rendered.body.length })}\n`);
    else if (!options.json) io.stderr(`已写入 / written: ${options.out} (${rendered.body.length} bytes)\n`);
    return EXIT.ok;
  }
  io.stdout(rendered.body.toString('utf8'));
  return EXIT.ok;
}
