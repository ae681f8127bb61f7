import { ProjectFormsService } from '@bem/evaluation';
import type { CliIO } from '../io';
import type { Runtime } from '../runtime';
import { displayOption, formatOption, writeRendered } from './evaluate';

export interface MonitorOptions {
  department: string;
  year: number;
  asOf: string;
  project?: string;
  profile?: string;
  format?: string;
  out?: string;
  unit?: string;
  decimals?: string;
  json?: boolean;
}

/** `bem monitor`: the 项目支出绩效目标执行监控表 of every project of a department as of a checkpoint (reads only). */
export async function monitor(runtime: Runtime, options: MonitorOptions, io: CliIO): Promise<number> {
  const format = formatOption(options);
  const rendered = await new ProjectFormsService(runtime.store, runtime.progress).renderMonitoring(options.department, options.year, options.asOf, {
    project: options.project, format, display: displayOption(options), profile: options.profile,
  });
  return writeRendered(rendered, format, options, io);
}
