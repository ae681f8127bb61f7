import { z } from 'zod';
import { INDICATOR_FIELDS } from '../indicators/fields';
import { FUND_SOURCES, fiscalYear, identifier, isoDate, isoInstant, oneOf, text, yuan } from '../shared/fields';

/**
 * Ledger commands of regions and transfer payments (转移支付): 分解下达 down the department hierarchy and the
 * year boundary (结转 / 注销). Kept here, beside their decider; `ledger/commands.ts` lists them in COMMAND_SCHEMAS.
 */
const base = {
  id: identifier('命令编号'),
  recordedAt: isoInstant.optional(),
};

/**
 * 分解下达: part of a parent department's project budget passed down to a child department's project
 * (architecture §5). Written to both streams in one atomic append: the parent's `BudgetAllocated` and the
 * child's `BudgetIssued` (basis `supplementary`, with `allocationId` and `fromProjectId`).
 */
export const AllocateBudget = z.object({
  ...base,
  command: z.literal('AllocateBudget'),
  fromProjectId: identifier('下达方项目编码'),
  toProjectId: identifier('接收方项目编码'),
  /** When given, must match both projects' fiscal year. */
  fiscalYear: fiscalYear.optional(),
  occurredOn: isoDate,
  amount: yuan('positive'),
  /** 文号 of the allocation (e.g. 乐财社〔2019〕51号) */
  document: text('文号', 200).optional(),
  /** Fund source of the money passed down; default: the parent project's only fund source. */
  source: oneOf(FUND_SOURCES, '资金来源').optional(),
  /**
   * 绩效目标 that travel with the allocation: each becomes an `IndicatorSet` of the child project, in the same
   * atomic write, after its BudgetIssued. Each has the fields of SetIndicator (the project is the receiving one).
   */
  targets: z
    .array(z.object(INDICATOR_FIELDS), { error: '绩效目标 targets 须为数组 / targets must be an array of indicators' })
    .max(200, { message: '绩效目标过多 / too many targets (max 200)' })
    .optional(),
});

/**
 * 结转: a project's open balance carried into a project of the next fiscal year, as a `carryover` issuance
 * linked to its origin. `occurredOn` is the date of the new year's issuance; the origin's event is dated 12-31.
 */
export const CarryForward = z.object({
  ...base,
  command: z.literal('CarryForward'),
  fromProjectId: identifier('结转来源项目编码'),
  toProjectId: identifier('结转去向项目编码'),
  occurredOn: isoDate,
  /** Default: the whole open balance of the origin. */
  amount: yuan('positive').optional(),
  document: text('文号', 200).optional(),
  source: oneOf(FUND_SOURCES, '资金来源').optional(),
});

/** 年末注销 / 收回: the part of a project's balance that is not carried forward. */
export const CancelBalance = z.object({
  ...base,
  command: z.literal('CancelBalance'),
  projectId: identifier('项目编码'),
  fiscalYear: fiscalYear.optional(),
  /** In the project's fiscal year or the next (year-end closing happens in January). */
  occurredOn: isoDate,
  /** Default: the whole open balance. */
  amount: yuan('positive').optional(),
  reason: text('注销原因', 500),
  document: text('文号', 200).optional(),
});

const envelope = { id: true, command: true, recordedAt: true } as const;

/** Event payload schemas of the region commands (ledger/events.ts lists them in EVENT_SCHEMAS). */
export const REGION_EVENT_SCHEMAS = {
  /** 分解下达 (parent side): this much of the project's budget went down to `toProjectId`. */
  BudgetAllocated: z.object({
    projectId: identifier('项目编码'),
    toProjectId: identifier('接收方项目编码'),
    occurredOn: isoDate,
    amount: yuan('positive'),
    source: oneOf(FUND_SOURCES, '资金来源'),
    document: text('文号', 200).optional(),
    allocationId: identifier('分解下达编号'),
  }),
  /** 结转 (origin side): this much of the balance now lives on in `toProjectId` (next year). */
  BalanceCarriedForward: z.object({
    projectId: identifier('项目编码'),
    toProjectId: identifier('结转去向项目编码'),
    occurredOn: isoDate,
    amount: yuan('positive'),
    source: oneOf(FUND_SOURCES, '资金来源'),
    document: text('文号', 200).optional(),
    carryForwardId: identifier('结转编号'),
  }),
  /** 年末注销 / 收回 of (part of) the balance. */
  BalanceCancelled: CancelBalance.omit({ ...envelope, fiscalYear: true }).extend({ amount: yuan('positive') }),
} as const;

/** Links an issuance may carry: to the allocation or the carry-forward it came from. */
export const ISSUANCE_LINKS = {
  /** the AllocateBudget command id (equals BudgetAllocated.allocationId on the parent) */
  allocationId: identifier('分解下达编号').optional(),
  /** the CarryForward command id (equals BalanceCarriedForward.carryForwardId on the origin) */
  carryForwardId: identifier('结转编号').optional(),
  /** the parent project (allocation) or the previous year's project (carryover) */
  fromProjectId: identifier('来源项目编码').optional(),
};
