import { Command, CommanderError, Option } from 'commander';
import { DomainError } from '@bem/domain';
import { importLedger } from './commands/import';
import { printProgress } from './commands/progress';
import { replay } from './commands/replay';
import { EXIT, type CliIO, UsageError } from './io';
import { parseDate, parseInstant, parseYear } from './options';
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

  const withRuntime = (action: Action) => async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    const options = command.opts<CommonOptions & Record<string, unknown>>();
    const runtime = await openRuntime(options.store ?? defaultStoreSpec());
    try {
      exitCode = await action(runtime, options, command.args);
    } finally {
      await runtime.close();
    }
  };

  const common = (command: Command) =>
    command
      .option('--store <path>', '事件库 event store: sqlite file path or "memory" (default $BEM_STORE or ./data/bem.sqlite)')
      .option('--json', '输出 JSON / one JSON document on stdout');

  common(program.command('import <file>'))
    .description('导入账本 import a JSON Lines ledger (validated whole first; all or nothing)')
    .option('--dry-run', '只校验不写入 / validate without appending')
    .action(withRuntime((runtime, options, [file]) => importLedger(runtime, file, options, io)));

  common(program.command('progress'))
    .description('执行进度 execution progress of a department (or one project) as of a date, as known at an instant')
    .requiredOption('--department <code>', '部门编码 department code')
    .requiredOption('--year <yyyy>', '预算年度 fiscal year', parseYear)
    .option('--project <id>', '只看一个项目 / one project only')
    .option('--as-of <date>', '业务日期 business date (default: 12-31 of the year, or today if earlier)', parseDate)
    .addOption(new Option('--known-at <iso>', '按某时刻已登记的记录 / as recorded at this instant').argParser(parseInstant))
    .action(
      withRuntime((runtime, options) =>
        printProgress(
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

  common(program.command('replay'))
    .description('重放 rebuild every projection from the log; prints events and events/s')
    .action(withRuntime((runtime, options) => replay(runtime, options, io)));

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
