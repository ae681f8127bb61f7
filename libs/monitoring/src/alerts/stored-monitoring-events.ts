import { type StoredEventInput, storedEventInvalid } from '@bem/domain';
import { z } from 'zod';
import type { CheckpointEvaluatedData } from '../checkpoints/checkpoint-events';
import { AlertRulesSpec } from '../profiles/profile-schema';
import type { AlertAcknowledgedData, AlertDisposedData, AlertRaisedData, AlertResolvedData, AlertsRaisedData, AlertUpdatedData } from './alert-events';
import { type PackedFinding, unpackedFigures } from './packed-findings';
import type { AlertsIndexedData } from './alert-index';

/**
 * The monitoring stream's stored events as schemas in their own right (like the ledger's EVENT_SCHEMAS): every
 * reader parses what it reads, and an event that does not parse is a loud error naming its stream and revision.
 * Fields added later (a card's `rules`) are optional, so events stored before them still read.
 */
const text = z.string();
const rule = z.enum(Object.keys(AlertRulesSpec.shape) as [keyof typeof AlertRulesSpec.shape, ...(keyof typeof AlertRulesSpec.shape)[]]);
const severity = z.enum(['red', 'yellow']);
const figures = z.record(z.string(), z.string().nullable());
const message = z.object({ zh: text, en: text });
const finding = z.object({ rule, severity, figures, message });
/** A checkpoint card's finding stored without its sentence (worded from its figures on read) */
const storedFinding = finding.extend({ message: message.optional() });

const raisedAlert = z.object({
  alertId: text, profile: text, departmentCode: text, fiscalYear: z.number().int(), rule, severity, projectId: text.nullable(),
  checkpoint: text.nullable(), figures, message, rules: z.array(finding).optional(), responsible: text, raisedOn: text, deadline: text,
});

const checkpointFigures = z.looseObject({
  date: text, budget: text, paid: text, progress: text.nullable(), target: text, alertLine: text,
  status: z.enum(['green', 'yellow', 'red']).nullable(), score: text.nullable(), weight: text,
});

const storedProjectFigures = checkpointFigures.extend({
  projectId: text, name: text, date: text.optional(), target: text.optional(), alertLine: text.optional(), weight: text.optional(),
});

/** [shape, severity, ...values] (see PackedFinding) */
const packedFinding = z.tuple([z.number().int().nonnegative(), severity], text.nullable());

type PackedBatch = Omit<AlertsRaisedData, 'alerts'> & { alerts: (AlertsRaisedData['alerts'][number] & { findings?: PackedFinding[] })[] };

/** A batch's packed findings read back as the cards' `rules` (figures by their shape's keys); a finding that fits no shape is an issue. */
function unpackFindings(batch: PackedBatch, ctx: z.RefinementCtx): AlertsRaisedData {
  const shapes = batch.findingShapes ?? [];
  const alerts = batch.alerts.map(({ findings, ...alert }, index) => {
    if (!findings) return alert;
    const rules = findings.map((packed) => {
      const shape = shapes[packed[0]];
      if (!shape || shape.keys.length !== packed.length - 2) {
        ctx.addIssue({ code: 'custom', path: ['alerts', index, 'findings'], message: `规则结论与其格式 ${packed[0]} 不符 / a finding does not fit its shape ${packed[0]}` });
        return { rule: 'behindSchedule' as const, severity: packed[1], figures: {} }; // discarded: the issue fails the parse
      }
      return { rule: shape.rule, severity: packed[1], figures: unpackedFigures(shape.keys, packed) };
    });
    return { ...alert, rules };
  });
  return { ...batch, alerts };
}

export const MONITORING_EVENT_SCHEMAS = {
  AlertRaised: raisedAlert satisfies z.ZodType<AlertRaisedData>,
  AlertsRaised: z.object({
    profile: text, departmentCode: text, fiscalYear: z.number().int(), checkpoint: text, responsible: text, raisedOn: text, deadline: text,
    label: text.optional(),
    findingShapes: z.array(z.object({ rule, keys: z.array(text) })).optional(),
    // A card stored as its findings alone (see BatchedAlert) has no rule, severity, figures or message of its own
    alerts: z.array(
      raisedAlert.pick({ alertId: true, projectId: true }).extend({
        rule: rule.optional(), severity: severity.optional(), figures: figures.optional(), message: message.optional(), rules: z.array(storedFinding).optional(),
        findings: z.array(packedFinding).optional(),
        name: text.optional(),
      }).refine((alert) => (alert.rule !== undefined && alert.severity !== undefined && alert.figures !== undefined && alert.message !== undefined) || (alert.rules?.length ?? 0) > 0 || (alert.findings?.length ?? 0) > 0, {
        message: '预警须有规则、级别、数据与说明，或至少一条规则结论 / an alert needs its rule, severity, figures and message, or at least one finding',
      }).refine((alert) => alert.name !== undefined || (alert.findings === undefined && (alert.rules ?? []).every((finding) => finding.message !== undefined)), {
        message: '未存说明的规则结论须有对象名称 / a finding stored without its sentence needs the subject\'s name',
      }),
    ),
  }).refine((batch) => batch.label !== undefined || batch.alerts.every((alert) => alert.findings === undefined && (alert.rules ?? []).every((finding) => finding.message !== undefined)), {
    message: '未存说明的规则结论须有检查点名称 / findings stored without sentences need the checkpoint label',
  }).transform(unpackFindings) satisfies z.ZodType<AlertsRaisedData>,
  AlertUpdated: z.object({ alertId: text, severity, rule, figures, message, rules: z.array(finding), evaluation: z.number().int() }) satisfies z.ZodType<AlertUpdatedData>,
  AlertResolved: z.object({ alertId: text, evaluation: z.number().int(), at: text }) satisfies z.ZodType<AlertResolvedData>,
  AlertAcknowledged: z.object({ alertId: text, actor: text, at: text }) satisfies z.ZodType<AlertAcknowledgedData>,
  AlertDisposed: z.object({ alertId: text, disposition: z.enum(['继续执行', '调剂', '取消']), actor: text, note: text, at: text }) satisfies z.ZodType<AlertDisposedData>,
  AlertsIndexed: z.object({ eventId: text, stream: text, alertIds: z.array(text) }) satisfies z.ZodType<AlertsIndexedData>,
  // Projects stored without the checkpoint's date and lines read with the department's (stored before: their own)
  CheckpointEvaluated: z.looseObject({
    profile: text, departmentCode: text, fiscalYear: z.number().int(), date: text, label: text, evaluation: z.number().int(), knownAt: text,
    department: checkpointFigures, projects: z.array(storedProjectFigures),
    restates: z.object({ eventId: text, knownAt: text }).nullable(),
  }).transform((data) => {
    const { date, target, alertLine, weight } = data.department;
    const projects = data.projects.map(({ projectId, name, budget, paid, progress, status, score, ...own }) => ({
      projectId, name, date, budget, paid, target, alertLine, weight, progress, status, score, ...own,
    }));
    return { ...data, projects };
  }) satisfies z.ZodType<CheckpointEvaluatedData>,
} as const;

export type MonitoringEventType = keyof typeof MONITORING_EVENT_SCHEMAS;
export type MonitoringEventData<K extends MonitoringEventType> = z.output<(typeof MONITORING_EVENT_SCHEMAS)[K]>;

/** The data of a stored monitoring event of the given type, parsed (throws StoredEventInvalid naming stream and revision). */
export function monitoringDataOf<K extends MonitoringEventType>(event: StoredEventInput, type: K): MonitoringEventData<K> {
  if (event.type !== type) throw storedEventInvalid(event, [`应为 ${type} / expected ${type}`]);
  const parsed = MONITORING_EVENT_SCHEMAS[type].safeParse(event.data);
  if (!parsed.success) throw storedEventInvalid(event, parsed.error.issues);
  return parsed.data as MonitoringEventData<K>;
}
