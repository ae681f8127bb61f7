import { CheckpointService, type CheckpointReport } from '@bem/monitoring';
import { EXIT, type CliIO } from '../io';
import type { Runtime } from '../runtime';
import { renderTable } from '../table';

export interface CheckpointsOptions {
  department: string;
  year: number;
  profile?: string;
  dryRun?: boolean;
  json?: boolean;
}

const STATUS: Record<string, string> = { green: '绿 green', yellow: '黄 yellow', red: '红 red' };
const pct = (value: string | null) => (value === null ? '—' : `${value}%`);

/** `bem checkpoints`: evaluates the due checkpoints not yet evaluated (appends), then prints them. */
export async function printCheckpoints(runtime: Runtime, options: CheckpointsOptions, io: CliIO): Promise<number> {
  const service = new CheckpointService(runtime.store, runtime.progress);
  const report = await service.evaluate(options.department, options.year, options.profile, { dryRun: options.dryRun, actor: 'cli' });
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${describe(report)}\n`);
  return EXIT.ok;
}

function describe(report: CheckpointReport): string {
  const title = `${report.departmentCode} ${report.fiscalYear} 年度检查点（方案 ${report.profileTitle}${report.dryRun ? '，试算未写入 / dry run' : ''}）`;
  const headers = ['检查点', '日期', '预算(元)', '支付(元)', '进度', '目标T', '预警线A', '状态', '得分', '分值'];
  const rows = report.checkpoints.map((row) => [row.label, row.date, row.budget, row.paid, pct(row.progress), pct(row.target), pct(row.alertLine), row.status ? STATUS[row.status] : '—', row.score ?? '—', row.weight]);
  rows.push(['合计 total', '', '', '', '', '', '', '', report.totalScore, '']);
  const notes = report.checkpoints
    .filter((row) => row.restatement)
    .map((row) => `${row.date} 已重述 / restated: 进度 ${pct(row.restatement!.previous.progress)} (${row.restatement!.previous.knownAt}) -> ${pct(row.progress)} (${row.evaluatedAt})`);
  const appended = report.dryRun
    ? `试算，未写入 / dry run, nothing appended (would append ${report.appended.checkpoints} 个检查点快照, ${report.appended.alerts} 条预警)`
    : `新增 / appended: ${report.appended.checkpoints} 个检查点快照, ${report.appended.alerts} 条预警`;
  const upcoming = report.upcoming.length ? `未到期 / upcoming: ${report.upcoming.join(', ')}` : '';
  const preview = report.preview ? `${report.preview.zh}\n${report.preview.en}` : '';
  return [title, preview, '', renderTable(headers, rows, new Set([2, 3, 4, 5, 6, 8, 9])), ...notes, appended, upcoming].filter((line, i) => line !== '' || i === 2).join('\n');
}
