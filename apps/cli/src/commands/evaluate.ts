import { EvaluationService, RENDER_FORMATS, type RenderFormat } from '@bem/evaluation';
import { EXIT, type CliIO, UsageError, writeOutFile } from '../io';
import type { Runtime } from '../runtime';

export interface EvaluateOptions {
  department: string;
  year: number;
  profile?: string;
  format?: string;
  out?: string;
  json?: boolean;
}

const BINARY = new Set<RenderFormat>(['xlsx', 'docx', 'pdf']);

/** `bem evaluate`: the year-end 绩效自评 of a department, scored by a profile, in any format (reads only). */
export async function evaluate(runtime: Runtime, options: EvaluateOptions, io: CliIO): Promise<number> {
  const format = (options.format ?? (options.json ? 'json' : 'md')) as RenderFormat;
  if (!RENDER_FORMATS.includes(format)) throw new UsageError(`--format 须为 ${RENDER_FORMATS.join(' / ')} 之一 / --format must be one of ${RENDER_FORMATS.join(', ')} (got "${format}")`);
  if (BINARY.has(format) && !options.out) throw new UsageError(`--format ${format} 须配合 --out <file> / --format ${format} needs --out <file>`);
  const service = new EvaluationService(runtime.store, runtime.progress);
  const rendered = await service.render(options.department, options.year, options.profile, format);
  if (options.out) {
    writeOutFile(options.out, rendered.body);
    if (options.json && format !== 'json') io.stdout(`${JSON.stringify({ out: options.out, format, bytes: rendered.body.length })}\n`);
    else if (!options.json) io.stderr(`已写入 / written: ${options.out} (${rendered.body.length} bytes)\n`);
    return EXIT.ok;
  }
  io.stdout(rendered.body.toString('utf8'));
  return EXIT.ok;
}
