import { formatWan, money } from '@bem/domain';
import { RENDER_FORMATS, type RenderFormat, programDisplay, programProfile, programTable, renderProgram } from '@bem/evaluation';
import { type ProgramView, type RegionProgress, RegionIndex, type YearEnd, programView, regionProgress, yearEnd } from '@bem/regions';
import { type ViewRequest } from '@bem/read-models';
import { EXIT, type CliIO, UsageError, writeOutFile } from '../io';
import type { Runtime } from '../runtime';
import { renderTable } from '../table';

const rate = (value: string | null) => (value === null ? '—' : `${value}%`);
const wan = (yuan: string) => formatWan(money(yuan));
const indent = (depth: number, text: string) => `${'  '.repeat(depth)}${text}`;

export interface RegionProgressOptions extends ViewRequest {
  department: string;
  year: number;
  project?: string;
  json?: boolean;
}

/** `bem progress --scope region`: a department and all its descendants, totals equal to the sum of the units. */
export async function printRegionProgress(runtime: Runtime, options: RegionProgressOptions, io: CliIO): Promise<number> {
  if (options.project) throw new UsageError('--scope region 不能与 --project 同用 / --scope region cannot be combined with --project');
  const progress = await regionProgress(runtime.progress, new RegionIndex(runtime.store), options.department, options.year, {
    asOf: options.asOf,
    knownAt: options.knownAt,
  });
  io.stdout(options.json ? `${JSON.stringify(progress, null, 2)}\n` : `${describeRegion(progress)}\n`);
  return EXIT.ok;
}

function describeRegion(progress: RegionProgress): string {
  const headers = ['单位', '本级预算(元)', '本级支付(元)', '执行率', '到位率', '辖区预算(元)', '辖区支付(元)', '辖区执行率'];
  const rows = progress.units.map((u) => [
    indent(u.depth, `${u.name} (${u.code})`),
    u.budgetCurrent,
    u.paid,
    rate(u.executionRate),
    rate(u.arrivalRate),
    u.region.budgetCurrent,
    u.region.paid,
    rate(u.region.executionRate),
  ]);
  rows.push(['合计', progress.budgetCurrent, progress.paid, rate(progress.executionRate), rate(progress.arrivalRate), '', '', '']);
  const known = progress.knownAt ? `，按 ${progress.knownAt} 时已登记的记录` : '';
  return `${progress.department.name} (${progress.department.code}) 辖区 ${progress.fiscalYear} 年度预算执行进度（截至 ${progress.asOf}${known}）\n\n${renderTable(headers, rows, new Set([1, 2, 3, 4, 5, 6, 7]))}`;
}

export interface ProgramOptions {
  program: string;
  department: string;
  year: number;
  asOf?: string;
  json?: boolean;
  /** json | md | html | xlsx | docx | pdf: the year-end report's formats (default: the text table, json with --json) */
  format?: string;
  out?: string;
  /** 评价方案: its display unit; no shipped profile scores a transfer table */
  profile?: string;
}

const BINARY = new Set<RenderFormat>(['xlsx', 'docx', 'pdf']);

/** `bem program`: the 转移支付区域（项目）绩效目标自评表 of a program over a region, with the per-unit table. */
export async function printProgram(runtime: Runtime, options: ProgramOptions, io: CliIO): Promise<number> {
  const format = options.format as RenderFormat | undefined;
  if (format !== undefined && !RENDER_FORMATS.includes(format)) {
    throw new UsageError(`--format 须为 ${RENDER_FORMATS.join(' / ')} 之一 / --format must be one of ${RENDER_FORMATS.join(', ')} (got "${format}")`);
  }
  if (format && BINARY.has(format) && !options.out) throw new UsageError(`--format ${format} 须配合 --out <file> / --format ${format} needs --out <file>`);
  const view = await programView(new RegionIndex(runtime.store), options.program, options.department, options.year, options.asOf);
  const profile = await programProfile(runtime.store, view, options.profile);
  const table = programTable(view, profile);
  if (!format && !options.out) {
    io.stdout(options.json ? `${JSON.stringify(table, null, 2)}\n` : `${describeProgram(view)}\n`);
    return EXIT.ok;
  }
  const rendered = await renderProgram(table, format ?? (options.json ? 'json' : 'md'), programDisplay(profile));
  if (options.out) {
    writeOutFile(options.out, rendered.body);
    if (options.json && rendered.format !== 'json') io.stdout(`${JSON.stringify({ out: options.out, format: rendered.format, bytes: rendered.body.length })}\n`);
    else if (!options.json) io.stderr(`已写入 / written: ${options.out} (${rendered.body.length} bytes)\n`);
    return EXIT.ok;
  }
  io.stdout(rendered.body.toString('utf8'));
  return EXIT.ok;
}

function describeProgram(view: ProgramView): string {
  const head = ['项目资金（万元）', '全年预算数（A）', '全年执行数（B）', '预算执行率（B/A）'];
  const money = [
    ['年度资金总额', wan(view.total.budget), wan(view.total.executed), rate(view.total.executionRate)],
    ['其中：中央补助', wan(view.bySource.central.budget), wan(view.bySource.central.executed), rate(view.bySource.central.executionRate)],
    ['地方资金', wan(view.bySource.local.budget), wan(view.bySource.local.executed), rate(view.bySource.local.executionRate)],
    ['其他资金', wan(view.bySource.other.budget), wan(view.bySource.other.executed), rate(view.bySource.other.executionRate)],
  ];
  const unitHead = ['单位', '下达(万元)', '下达日期', '转下达(万元)', '本级预算(万元)', '到位(万元)', '到位率', '执行(万元)', '执行率', '结转(万元)', '注销(万元)', '次年到位(万元)'];
  const units = view.units.map((u) => [
    indent(u.depth, u.name),
    wan(u.received),
    u.receivedOn ?? '—',
    wan(u.allocatedOut),
    wan(u.budget),
    wan(u.arrived),
    rate(u.arrivalRate),
    wan(u.executed),
    rate(u.executionRate),
    wan(u.carriedForward),
    wan(u.cancelled),
    u.arrivedLater.amount === '0.00' ? '—' : `${wan(u.arrivedLater.amount)}（${u.arrivedLater.lastOn}）`,
  ]);
  const indicators = view.indicators.length
    ? `\n\n绩效指标\n${renderTable(['一级指标', '二级指标', '三级指标', '年度指标值', '全年完成值'], view.indicators.map((i) => [i.level1, i.level2, i.name, i.target, i.actual ?? '—']))}`
    : '';
  return [
    `转移支付区域（项目）绩效目标自评表（${view.fiscalYear} 年度，截至 ${view.asOf}）`,
    `转移支付（项目）名称：${view.name}（${view.programCode}）    区域：${view.department.name}（${view.department.code}）`,
    '',
    renderTable(head, money, new Set([1, 2, 3])),
    `资金到位：${wan(view.arrived)} 万元，到位率 ${rate(view.arrivalRate)}`,
    '',
    renderTable(unitHead, units, new Set([1, 3, 4, 5, 6, 7, 8, 9, 10])),
  ].join('\n') + indicators;
}

export interface YearEndOptions {
  department: string;
  year: number;
  scope?: string;
  json?: boolean;
}

/** `bem yearend`: each project's balance at the year boundary, carried (结转) + cancelled (注销) + still open. */
export async function printYearEnd(runtime: Runtime, options: YearEndOptions, io: CliIO): Promise<number> {
  const result = await yearEnd(new RegionIndex(runtime.store), options.department, options.year, options.scope === 'region' ? 'region' : 'department');
  io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${describeYearEnd(result)}\n`);
  return EXIT.ok;
}

function describeYearEnd(result: YearEnd): string {
  const headers = ['项目', '本级预算(元)', '转下达(元)', '支付(元)', '结余(元)', '结转(元)', '注销(元)', '未处理(元)'];
  const rows = result.projects.map((p) => [`${p.name} (${p.projectId})`, p.budget, p.allocatedOut, p.paid, p.balance, p.carried, p.cancelled, p.open]);
  const t = result.totals;
  rows.push(['合计', t.budget, t.allocatedOut, t.paid, t.balance, t.carried, t.cancelled, t.open]);
  const status = result.reconciled ? '结余已全部结转或注销' : '尚有结余未结转或注销';
  return `${result.department.name} (${result.department.code}) ${result.fiscalYear} 年度结转与注销：${status}\n\n${renderTable(headers, rows, new Set([1, 2, 3, 4, 5, 6, 7]))}`;
}

export const parseScope = (value: string): string => {
  if (value !== 'department' && value !== 'region') throw new UsageError(`--scope 须为 department 或 region / --scope must be department or region (got "${value}")`);
  return value;
};
