import type { z } from 'zod';
import { targetWarning } from '../indicators/target-expression';
import { COMMAND_NAMES, COMMAND_SCHEMAS, type CommandName, type LedgerCommand } from './commands';

export interface FieldIssue {
  /** Dotted path of the field at fault ("amount", "command", "(json)" for the line itself). */
  field: string;
  message: string;
}

export type ParsedCommand =
  | { ok: true; command: LedgerCommand; unknownFields: string[]; warnings: FieldIssue[] }
  | { ok: false; issues: FieldIssue[] };

const isCommandName = (value: unknown): value is CommandName =>
  typeof value === 'string' && (COMMAND_NAMES as string[]).includes(value);

/** Validates one ledger command (a parsed JSON value) with the zod schema of its `command`. */
export function parseCommand(raw: unknown): ParsedCommand {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ field: '(line)', message: '每行须为一个 JSON 对象 / each line must be a JSON object' }] };
  }
  const name = (raw as Record<string, unknown>).command;
  if (!isCommandName(name)) {
    const message =
      name === undefined
        ? '缺少 command 字段 / missing field "command"'
        : `未知命令 ${JSON.stringify(name)} / unknown command; expected one of ${COMMAND_NAMES.join(', ')}`;
    return { ok: false, issues: [{ field: 'command', message }] };
  }
  const schema: z.ZodObject = COMMAND_SCHEMAS[name];
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, issues: result.error.issues.map((issue) => toFieldIssue(issue, raw as Record<string, unknown>)) };
  const command = result.data as LedgerCommand;
  const scopeIssue = indicatorScopeIssue(command) ?? scoreTargetIssue(command);
  if (scopeIssue) return { ok: false, issues: [scopeIssue] };
  const known = new Set(Object.keys(schema.shape));
  const unknownFields = Object.keys(raw).filter((key) => !known.has(key));
  return { ok: true, command, unknownFields, warnings: targetWarnings(command) };
}

/** A target that reads as no figure is kept as printed (never refused) and reported, naming its field. */
function targetWarnings(command: LedgerCommand): FieldIssue[] {
  const targets =
    command.command === 'SetIndicator' ? [{ field: 'target', text: command.target }]
      : command.command === 'AllocateBudget' ? (command.targets ?? []).map((target, i) => ({ field: `targets.${i}.target`, text: target.target }))
        : [];
  return targets.flatMap(({ field, text }) => {
    const message = targetWarning(text);
    return message ? [{ field, message }] : [];
  });
}

function toFieldIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>): FieldIssue {
  const field = issue.path.length ? issue.path.join('.') : '(line)';
  if (issue.code === 'invalid_type' && issue.path.length === 1 && raw[String(issue.path[0])] === undefined) {
    return { field, message: `缺少必填字段 / required field is missing` };
  }
  return { field, message: issue.message };
}

function scoreTargetIssue(command: LedgerCommand): FieldIssue | null {
  if (command.command !== 'RecordIndicatorScore' || !command.indicatorId !== !command.item) return null;
  return { field: 'indicatorId', message: '须给出 indicatorId 或 item 之一 / give exactly one of indicatorId or item' };
}

function indicatorScopeIssue(command: LedgerCommand): FieldIssue | null {
  if (command.command !== 'SetIndicator' && command.command !== 'RecordIndicatorActual' && command.command !== 'RecordIndicatorScore') return null;
  if (command.projectId && command.departmentCode) {
    return { field: 'projectId', message: '项目指标与部门指标只能二选一 / give projectId or departmentCode, not both' };
  }
  if (!command.projectId && !(command.departmentCode && command.fiscalYear)) {
    return {
      field: 'projectId',
      message: '须给出 projectId，或 departmentCode 与 fiscalYear / projectId, or departmentCode with fiscalYear, is required',
    };
  }
  return null;
}
