import { z } from 'zod';
import { yuan } from '../shared/fields';
import * as C from './commands';
import { ISSUANCE_LINKS, REGION_EVENT_SCHEMAS } from '../region/commands';

const envelopeFields = { id: true, command: true, recordedAt: true } as const;
const projectEnvelope = { ...envelopeFields, fiscalYear: true } as const;

/** Event payload schemas, derived from the commands that produce them so the two never drift apart. */
export const EVENT_SCHEMAS = {
  /** 部门登记 */
  DepartmentRegistered: C.RegisterDepartment.omit(envelopeFields),
  /** 项目登记 */
  ProjectRegistered: C.RegisterProject.omit(envelopeFields),
  /** 预算下达 (年初预算 / 追加 / 上年结转) */
  BudgetIssued: C.IssueBudget.omit(projectEnvelope).extend(ISSUANCE_LINKS),
  /** 预算调整 / 调剂 / 追减 / 年末注销: signed delta */
  BudgetAdjusted: C.AdjustBudget.omit(projectEnvelope),
  /** 资金到位 */
  FundsArrived: C.RecordFundsArrival.omit(projectEnvelope),
  /** 支付 */
  PaymentMade: C.RecordPayment.omit(projectEnvelope).extend({
    /** Present only when an office's `warn` overspend policy let it exceed the available budget: the figures then. */
    overspend: z.object({ available: yuan('non-negative'), budget: yuan('non-negative'), paid: yuan('non-negative') }).optional(),
  }),
  /** 冲销: names the payment and repeats its amount; the payment itself is never edited */
  PaymentReversed: C.ReversePayment.omit(projectEnvelope).extend({ amount: yuan('positive') }),
  /** 绩效目标 */
  IndicatorSet: C.SetIndicator.omit(envelopeFields),
  /** 实际完成值 */
  IndicatorActualRecorded: C.RecordIndicatorActual.omit(envelopeFields),
  /** 年度关账 */
  ProjectClosed: C.CloseProject.omit(projectEnvelope),
  /** 部门自评报告文字 (职能, 年度工作, 存在问题 …) */
  DepartmentTextSet: C.SetDepartmentText.omit(envelopeFields),
  /** 人工评分 with its justification */
  ManualScoreRecorded: C.RecordManualScore.omit(envelopeFields),
  /** 定性评价 (达成 / 部分达成 / 未达成) */
  QualitativeAssessmentRecorded: C.RecordQualitativeAssessment.omit(envelopeFields),
  /** 报告所载数字 (for the consistency check) */
  StatedFigureRecorded: C.RecordStatedFigure.omit(envelopeFields),
  /** 单位自评得分 and 偏差原因 of one indicator */
  IndicatorScoreRecorded: C.RecordIndicatorScore.omit(envelopeFields),
  /** 项目文字 (预期目标 / 实际完成情况 / 存在问题 / 改进措施) */
  ProjectTextSet: C.SetProjectText.omit(projectEnvelope),
  /** 监控表 assessment at a checkpoint */
  MonitoringAssessmentRecorded: C.RecordMonitoringAssessment.omit(projectEnvelope),
  /** 分解下达 (parent side), 结转 (origin side), 年末注销 */
  ...REGION_EVENT_SCHEMAS,
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

export type DomainEvent = { [K in EventType]: { readonly type: K; readonly data: z.output<(typeof EVENT_SCHEMAS)[K]> } }[EventType];
export type EventOf<K extends EventType> = Extract<DomainEvent, { type: K }>;
export type EventData<K extends EventType> = EventOf<K>['data'];

export const isDomainEventType = (type: string): type is EventType => type in EVENT_SCHEMAS;
