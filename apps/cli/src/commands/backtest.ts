import { CheckpointService, backtest, loadProfile, type BacktestResult } from '@bem/monitoring';
import { EXIT, type CliIO } from '../io';
import type { Runtime } from '../runtime';
import { renderTable } from '../table';

export interface BacktestOptions {
  department: string;
  year: number;
  profile: string;
  json?: boolean;
}

/** `bem backtest`: the alerts a profile would have raised over a past year, and when; appends nothing. */
export async function printBacktest(runtime: Runtime, options: BacktestOptions, io: CliIO): Promise<number> {
  const profile = loadProfile(options.profile);
  const facts = await new CheckpointService(runtime.store, runtime.progress).projectFacts(options.department, options.year);
  const result = backtest(profile, options.department, options.year, facts);
  io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${describe(result)}\n`);
  return EXIT.ok;
}

function describe(result: BacktestResult): string {
  const title = `回测 backtest: ${result.departmentCode} ${result.fiscalYear}，方案 ${result.profile}，检查点 ${result.checkpoints.join(', ')}（未写入 / nothing appended）`;
  const rows = result.alerts.map((alert) => [alert.wouldRaiseOn, alert.checkpoint ?? '—', alert.severity, alert.rule, alert.projectId ?? '(部门)', alert.message.zh]);
  return [title, '', renderTable(['预警日', '检查点', '级别', '规则', '项目', '说明'], rows, new Set()), `共 ${result.alerts.length} 条 / alerts`].join('\n');
}
