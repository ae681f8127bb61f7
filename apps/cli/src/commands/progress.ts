import type { DepartmentProgress, ProgressFigures, SingleProjectProgress, ViewRequest } from '@bem/read-models';
import { DomainError, fiscalYearMismatch } from '@bem/domain';
import { EXIT, type CliIO } from '../io';
import type { Runtime } from '../runtime';
import { renderTable } from '../table';

export interface ProgressOptions extends ViewRequest {
  department: string;
  year: number;
  project?: string;
  json?: boolean;
}

export async function printProgress(runtime: Runtime, options: ProgressOptions, io: CliIO): Promise<number> {
  const view = { asOf: options.asOf, knownAt: options.knownAt };
  if (options.project) {
    const progress = await runtime.progress.project(options.project, view);
    requireOwnedBy(progress, options);
    io.stdout(options.json ? `${JSON.stringify(progress, null, 2)}\n` : `${describeProject(progress)}\n`);
    return EXIT.ok;
  }
  const progress = await runtime.progress.department(options.department, options.year, view);
  io.stdout(options.json ? `${JSON.stringify(progress, null, 2)}\n` : `${describeDepartment(progress)}\n`);
  return EXIT.ok;
}

/** `--project` must name a project of the `--department` and `--year` given. */
function requireOwnedBy(progress: SingleProjectProgress, options: ProgressOptions): void {
  if (progress.department.code !== options.department) {
    throw new DomainError(
      'PROJECT_OF_OTHER_DEPARTMENT',
      'project',
      `项目 ${progress.projectId} 属于部门 ${progress.department.code}，不属于 ${options.department}`,
      `project ${progress.projectId} belongs to department ${progress.department.code}, not ${options.department}`,
    );
  }
  if (progress.fiscalYear !== options.year) throw fiscalYearMismatch(progress.projectId, progress.fiscalYear, options.year, 'year');
}

const HEADERS = ['项目', '类型', '年初预算(元)', '调整后预算(元)', '到位(元)', '支付(元)', '结余(元)', '执行率', '到位率'];
const FIGURE_COLUMNS = new Set([2, 3, 4, 5, 6, 7, 8]);
const rate = (value: string | null) => (value === null ? '—' : `${value}%`);
const kindLabel = (kind: string) => (kind === 'basic' ? '基本支出' : '项目支出');

const figureCells = (figures: ProgressFigures) => [
  figures.budgetInitial,
  figures.budgetCurrent,
  figures.arrived,
  figures.paid,
  figures.balance,
  rate(figures.executionRate),
  rate(figures.arrivalRate),
];

function heading(progress: DepartmentProgress | SingleProjectProgress, subject: string): string {
  const known = progress.knownAt ? `，按 ${progress.knownAt} 时已登记的记录` : '';
  return `${subject} ${progress.fiscalYear} 年度预算执行进度（截至 ${progress.asOf}${known}）`;
}

function describeDepartment(progress: DepartmentProgress): string {
  const rows = progress.projects.map((p) => [`${p.name} (${p.projectId})`, kindLabel(p.kind), ...figureCells(p)]);
  rows.push(['合计', '', ...figureCells(progress)]);
  const title = heading(progress, `${progress.department.name} (${progress.department.code})`);
  return `${title}\n\n${renderTable(HEADERS, rows, FIGURE_COLUMNS)}`;
}

function describeProject(progress: SingleProjectProgress): string {
  const title = heading(progress, `${progress.department.name} · ${progress.name} (${progress.projectId})`);
  return `${title}\n\n${renderTable(HEADERS, [[progress.name, kindLabel(progress.kind), ...figureCells(progress)]], FIGURE_COLUMNS)}`;
}
