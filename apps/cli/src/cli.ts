import { Command, CommanderError, Option } from 'commander';
import { DomainError } from '@bem/domain';
import { printAlerts } from './commands/alerts';
import { printBacktest } from './commands/backtest';
import { printCheckpoints } from './commands/checkpoints';
import { printRegionAlerts, printRegionCheckpoints } from './commands/region-monitoring';
import { evaluate } from './commands/evaluate';
import { monitor } from './commands/monitor';
import { importLedger } from './commands/import';
import { printProgress } from './commands/progress';
import { parseScope, printProgram, printRegionProgress, printYearEnd } from './commands/region';
import { replay } from './commands/replay';
import { rebuild } from './commands/rebuild';
import { createToken, listTokens, revokeToken } from './commands/token';
import { EXIT, type CliIO, UsageError } from './io';
import { alertQueryOf, parseCount, parseDate, parseInstant, parseYear } from './options';
import { requireNamedRecords } from './named-records';
import { type Runtime, defaultStoreSpec, openRuntime } from './runtime';

interface CommonOptions {
  store?: string;
  json?: boolean;
}

type Action = (runtime: Runtime, options: CommonOptions & Record<string, unknown>, args: string[]) => Promise<number>;

/** Runs `bem <argv>`; resolves to the exit code (architecture §5). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('bem')
    .description('预算执行监控 budget-execution-monitor: 预算下达、调整、到位、支付的事件账本与执行进度')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  // Only an import, or the first token of a new deployment, may create a store; every other command reads one.
  const CREATES_STORE = new Set(['import', 'create']);
  const withRuntime = (action: Action) => async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    const options = command.opts<CommonOptions & Record<string, unknown>>();
    const runtime = await openRuntime(options.store ?? defaultStoreSpec(), { mustExist: !CREATES_STORE.has(command.name()) });
    try {
      await requireNamedRecords(runtime.store, options);
      exitCode = await action(runtime, options, command.args);
    } finally {
      await runtime.close();
    }
  };

  const common = (command: Command) =>
    command
      .option('--store <spec>', '事件库 event store: sqlite file path, "memory", kurrentdb://… or postgres://… (default $BEM_EVENTSTORE_URL, $BEM_STORE or ./data/bem.sqlite)')
      .option('--json', '输出 JSON / one JSON document on stdout');

  common(program.command('import <file>'))
    .description('导入账本 import a ledger: JSON Lines, CSV or XLSX (validated whole first; all or nothing)')
    .option('--dry-run', '只校验不写入 / validate without appending')
    .option('--unit <unit>', '金额单位 unit of the amounts: 元 (default) or 万元 (multiplied by 10000 exactly)')
    .option('--migrate', '迁移历史：采用每行的 recordedAt 作为入账时间（仅管理员）/ migrated history: each line\'s recordedAt is its known-at instant (admin)')
    .action(withRuntime((runtime, options, [file]) => importLedger(runtime, file, options, io)));

  common(program.command('progress'))
    .description('执行进度 execution progress of a department (or one project) as of a date, as known at an instant')
    .requiredOption('--department <code>', '部门编码 department code')
    .requiredOption('--year <yyyy>', '预算年度 fiscal year', parseYear)
    .option('--project <id>', '只看一个项目 / one project only')
    .option('--as-of <date>', '业务日期 business date (default: 12-31 of the year, or today if earlier)', parseDate)
    .addOption(new Option('--known-at <iso>', '按某时刻已登记的记录 / as recorded at this instant').argParser(parseInstant))
    .option('--scope <scope>', '范围 department (default) or region: the department and all its descendants', parseScope)
    .action(
      withRuntime((runtime, options) =>
        (options.scope === 'region' ? printRegionProgress : printProgress)(
          runtime,
          {
            department: options.department as string,
            year: options.year as number,
            project: options.project as string | undefined,
            asOf: options.asOf as string | undefined,
            knownAt: options.knownAt as string | undefined,
            json: options.json,
          },
          io,
        ),
      ),
    );

  common(program.command('program'))
    .description('转移支付区域绩效 a transfer program over a region: 全年预算数 / 执行数 / 执行率 by fund source, 到位率, per-unit table')
    .requiredOption('--program <code>', '转移支付项目编码 program code')
    .requiredOption('--department <code>', '区域的部门编码 the region\'s root department')
    .requiredOption('--year <yyyy>', '预算年度 fiscal year', parseYear)
    .option('--as-of <date>', '业务日期 business date (default: 12-31 of the year, or today if earlier)', parseDate)
    .option('--format <format>', '输出格式 json | md | html | xlsx | docx | pdf (default: the text table, json with --json)')
    .option('--out <file>', '输出文件 write to this file (required for xlsx, docx, pdf)')
    .option('--profile <name>', '评价方案 scoring profile (default: the one assigned to the year); a transfer table is scored only when its profile scores it')
    .action(
      withRuntime((runtime, options) =>
        printProgram(
          runtime,
          {
            program: options.program as string,
            department: options.department as string,
            year: options.year as number,
            asOf: options.asOf as string | undefined,
            json: options.json,
            format: options.format as string | undefined,
            out: options.out as string | undefined,
            profile: options.profile as string | undefined,
          },
          io,
        ),
      ),
    );

  common(program.command('yearend'))
    .description('年度结转与注销 each project\'s balance at the year boundary: carried (结转) + cancelled (注销) + still open')
    .requiredOption('--department <code>', '部门编码 department code')
    .requiredOption('--year <yyyy>', '预算年度 fiscal year', parseYear)
    .option('--scope <scope>', '范围 department (default) or region', parseScope)
    .action(
      withRuntime((runtime, options) =>
        printYearEnd(runtime, { department: options.department as string, year: options.year as number, scope: options.scope as string | undefined, json: options.json }, io),
      ),
    );

  common(program.command('checkpoints'))
    .description('检查点评价 evaluate the profile checkpoints that have passed (appends once), then print them')
    .requiredOption('--department <code>', '部门编码 department code')
    .requiredOption('--year <yyyy>', '预算年度 fiscal year', parseYear)
    .option('--profile <name>', '评价方案 profile (default national)')
    .option('--dry-run', '只计算不写入 / compute without appending')
    .option('--scope <scope>', '范围 department (default) or region: the region\'s progress at each checkpoint', parseScope)
    .action(
      withRuntime((runtime, options) =>
        (options.scope === 'region' ? printRegionCheckpoints : printCheckpoints)(
          runtime,
          { department: options.department as string, year: options.year as number, profile: options.profile as string | undefined, dryRun: Boolean(options.dryRun), json: options.json },
          io,
        ),
      ),
    );

  common(program.command('alerts'))
    .description('预警 alerts of a department-year with status (open / acknowledged / disposed / overdue) and 暂停 projects')
    .requiredOption('--department <code>', '部门编码 department code')
    .requiredOption('--year <yyyy>', '预算年度 fiscal year', parseYear)
    .option('--scope <scope>', '范围 department (default) or region: every unit\'s alerts', parseScope)
    .option('--limit <n>', '每页条数 alerts per page (default 1000)', parseCount('--limit'))
    .option('--offset <n>', '跳过条数 alerts to skip', parseCount('--offset'))
    .option('--status <list>', '状态 open,acknowledged,disposed,overdue')
    .option('--rule <list>', '规则 e.g. behindSchedule,idleFunds')
    .option('--severity <list>', '级别 red,yellow')
    .option('--project <id>', '项目编码 project id')
    .option('--q <text>', '按项目名称搜索 search by project name')
    .action(
      withRuntime((runtime, options) =>
        options.scope === 'region'
          ? printRegionAlerts(runtime, { department: options.department as string, year: options.year as number, json: options.json }, io)
          : printAlerts(runtime, { department: options.department as string, year: options.year as number, json: options.json, query: alertQueryOf(options) }, io),
      ),
    );

  common(program.command('backtest'))
    .description('回测 replay a past year through a profile\'s alert rules at each checkpoint, without appending')
    .requiredOption('--profile <name>', '评价方案 profile')
    .requiredOption('--department <code>', '部门编码 department code')
    .requiredOption('--year <yyyy>', '预算年度 fiscal year', parseYear)
    .action(
      withRuntime((runtime, options) =>
        printBacktest(runtime, { department: options.department as string, year: options.year as number, profile: options.profile as string, json: options.json }, io),
      ),
    );

  common(program.command('evaluate'))
    .description('绩效自评 year-end self-evaluation of a department, or with --project the 项目支出绩效自评表 of one project (json | md | html | xlsx | docx | pdf)')
    .option('--department <code>', '部门编码 department code')
    .option('--project <id>', '项目编码: the project 自评表 (and 打分表 under a profile that has one)')
    .requiredOption('--year <yyyy>', '预算年度 fiscal year', parseYear)
    .option('--profile <name>', '评价方案 profile (default national)')
    .option('--format <format>', '输出格式 json | md | html | xlsx | docx | pdf (default md, json with --json)')
    .option('--out <file>', '输出文件 write to this file (required for xlsx, docx, pdf)')
    .option('--stated <file>', '报告所载数字 CSV / JSON of (figure, value[, label]) to check against the ledger')
    .option('--unit <unit>', '金额单位 元 | 万元 (default: the profile, else 万元)')
    .option('--decimals <n>', '小数位数 decimals of amounts (default: the profile, else 2)')
    .action(
      withRuntime((runtime, options) =>
        evaluate(
          runtime,
          {
            department: options.department as string | undefined, project: options.project as string | undefined, year: options.year as number,
            profile: options.profile as string | undefined, format: options.format as string | undefined, out: options.out as string | undefined,
            unit: options.unit as string | undefined, decimals: options.decimals as string | undefined, json: options.json,
            stated: options.stated as string | undefined,
          },
          io,
        ),
      ),
    );

  common(program.command('monitor'))
    .description('绩效监控表 the 项目支出绩效目标执行监控表 of every project of a department as of a checkpoint (json | md | html | xlsx | docx | pdf)')
    .requiredOption('--department <code>', '部门编码 department code')
    .requiredOption('--year <yyyy>', '预算年度 fiscal year', parseYear)
    .requiredOption('--as-of <date>', '监控时点 business date, e.g. 2020-07-31 for 1-7月', parseDate)
    .option('--project <id>', '只看一个项目 / one project only')
    .option('--profile <name>', '评价方案 profile whose display unit to use')
    .option('--format <format>', '输出格式 json | md | html | xlsx | docx | pdf (default md, json with --json)')
    .option('--out <file>', '输出文件 write to this file (required for xlsx, docx, pdf)')
    .option('--unit <unit>', '金额单位 元 | 万元')
    .option('--decimals <n>', '小数位数 decimals of amounts')
    .action(
      withRuntime((runtime, options) =>
        monitor(
          runtime,
          {
            department: options.department as string, year: options.year as number, asOf: options.asOf as string, project: options.project as string | undefined,
            profile: options.profile as string | undefined, format: options.format as string | undefined, out: options.out as string | undefined,
            unit: options.unit as string | undefined, decimals: options.decimals as string | undefined, json: options.json,
          },
          io,
        ),
      ),
    );

  common(program.command('replay'))
    .description('重放 rebuild every projection from the log; prints events and events/s')
    .action(withRuntime((runtime, options) => replay(runtime, options, io)));

  common(program.command('rebuild'))
    .description('无停机重建 rebuild a read model beside the live one from position 0; switch after a parity check')
    .requiredOption('--projection <name>', '投影 projection: progress')
    .option('--force', '数字不一致也切换 / switch even if figures differ (a projection that changes them on purpose)')
    .action(withRuntime((runtime, options) => rebuild(runtime, { projection: options.projection as string, force: Boolean(options.force), json: options.json }, io)));

  const token = program.command('token').description('API 令牌 API tokens: token create | list | revoke');
  common(token.command('create'))
    .description('创建 API 令牌 create an API bearer token (printed once; only its SHA-256 hash is stored)')
    .requiredOption('--role <role>', '角色 clerk | manager | auditor | admin')
    .requiredOption('--departments <codes>', '部门范围 department codes "a,b", or * for all')
    .option('--label <text>', '备注 a label to recognise the token by')
    .option('--expires-in-days <n>', '有效天数 days until the token is refused (default: no expiry)')
    .action(withRuntime((runtime, options) => createToken(runtime, options, io)));
  common(token.command('list'))
    .description('列出令牌 list tokens: id, role, departments, created, expires, revoked (never the token)')
    .action(withRuntime((runtime, options) => listTokens(runtime, options, io)));
  common(token.command('revoke <id>'))
    .description('吊销令牌 revoke a token by its id (bem token list); it is refused from then on')
    .action(withRuntime((runtime, options, [id]) => revokeToken(runtime, id, options, io)));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
      ? EXIT.ok
      : EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.stderr(`${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof DomainError) {
    io.stderr(`${error.field}: ${error.message}\n`);
    return EXIT.rejected;
  }
  io.stderr(`内部错误 / internal error: ${(error as Error).stack ?? String(error)}\n`);
  return EXIT.rejected;
}
