import type { DecidedEvent, StreamDecision } from '@bem/commands';
import { monitoringStream } from '@bem/domain';
import { cardFindings, cardsOf, sameFindings } from '../alerts/alert-cards';
import { type AlertRaisedData, type AlertResolvedData, type AlertUpdatedData, type RaisedCard, alertIdOf, alertRaised, alertsRaisedEventId, cardsRaised, monitoringId, raisedAlertsOf } from '../alerts/alert-events';
import { alertIndexWrites } from '../alerts/alert-index';
import { type AlertRow, alertListOf } from '../alerts/alert-list';
import { runRules } from '../alerts/alert-rules';
import type { RuleContext } from '../alerts/rule-context';
import { type CheckpointEvaluatedStored, checkpointEventId, latestEvaluations, sameFigures } from '../checkpoints/checkpoint-events';
import type { CheckpointLines } from '../profiles/checkpoint-lines';
import type { Profile } from '../profiles/profile-schema';
import type { MonitoringState } from './monitoring-state';
import { monitoringDataOf } from '../alerts/stored-monitoring-events';

/**
 * 检查点评估: the due checkpoints of a department-year under a profile, with the rule context of each (its figures
 * and snapshots as of its date), computed outside the decider from the ledger's streams.
 */
export interface EvaluateCheckpoints {
  kind: 'EvaluateCheckpoints';
  profile: Profile;
  departmentCode: string;
  fiscalYear: number;
  /** The evaluation instant (ISO) and its China date. */
  now: string;
  today: string;
  due: readonly CheckpointLines[];
  /** One per due checkpoint, in the same order. */
  contexts: readonly RuleContext[];
}

type IndexWrite = StreamDecision['also'][number];

export const indexWritesOf = (batchEventId: string, stream: string, alertIds: readonly string[]): IndexWrite[] =>
  alertIndexWrites(batchEventId, stream, alertIds).map((write) => ({ stream: write.stream, events: write.events.map(({ id, type, data }) => ({ id, type, data })) }));

/** The index entries of every AlertsRaised batch of the stream (their presence is looked up: see `decideEvaluation`). */
export function storedBatchIndex(command: EvaluateCheckpoints, state: MonitoringState): IndexWrite[] {
  const stream = monitoringStream(command.departmentCode, command.fiscalYear);
  return state.events
    .filter((event) => event.type === 'AlertsRaised')
    .flatMap((event) => indexWritesOf(event.id, stream, monitoringDataOf(event, 'AlertsRaised').alerts.map((alert) => alert.alertId)));
}

/**
 * Per due checkpoint: nothing when its figures are those of its latest evaluation (idempotent re-evaluation);
 * else a CheckpointEvaluated (a restatement after backdated entries), its open cards updated (never raised twice)
 * or resolved when the subject breaks no rule any more, and one AlertsRaised for its new cards, indexed by alert id
 * in the same append. Stores that write several streams one after the other (KurrentDB) may have kept a batch
 * without its index entries: those not `stored` are written again.
 */
export function decideEvaluation(command: EvaluateCheckpoints, state: MonitoringState, stored: ReadonlySet<string>): StreamDecision {
  const { profile, departmentCode: code, fiscalYear: year, now, today } = command;
  const stream = monitoringStream(code, year);
  const latest = latestEvaluations(state.events, profile.name);
  const knownIds = new Set(state.events.flatMap((event) => [event.id, ...raisedAlertsOf(event).map((alert) => alert.alertId)]));
  const openCards = openCardsByCheckpoint(state, code, year, profile.name, today);
  const events: DecidedEvent[] = [];
  const index: IndexWrite[] = storedBatchIndex(command, state).filter((write) => !stored.has(write.events[0].id));
  for (const [i, lines] of command.due.entries()) {
    const context = command.contexts[i];
    const current = {
      profile: profile.name, departmentCode: code, fiscalYear: year, date: lines.date, label: lines.label, knownAt: now,
      department: context.department.figures,
      // The date and lines are the department's: stored once, not once per project
      projects: context.projects.map(({ projectId, name, figures: { budget, paid, progress, status, score } }) => ({ projectId: projectId as string, name, budget, paid, progress, status, score })),
    };
    const before = latest.get(lines.date);
    if (before && sameFigures(before.data, current)) continue;
    const data: CheckpointEvaluatedStored = {
      ...current,
      evaluation: before ? before.data.evaluation + 1 : 0,
      restates: before ? { eventId: before.id, knownAt: before.data.knownAt } : null,
    };
    events.push({ id: checkpointEventId(profile.name, code, year, lines.date, data.evaluation), type: 'CheckpointEvaluated', data });
    const raised: RaisedCard[] = [];
    const open = openCards.get(lines.date) ?? new Map<string, AlertRow>();
    for (const drafts of cardFindings(runRules(context))) {
      const [first] = drafts;
      const alertId = alertIdOf(profile.name, code, year, { rule: first.rule, projectId: first.projectId, checkpoint: first.checkpoint, card: true });
      const existing = open.get(alertId);
      open.delete(alertId);
      // An open card is updated when a restatement changed what it lists, never raised twice
      if (existing) {
        if (!sameFindings(existing.rules, drafts)) events.push(alertUpdated(alertRaised(profile, code, year, cardsOf(drafts)[0], today), data.evaluation));
        continue;
      }
      if (knownIds.has(alertId)) continue;
      knownIds.add(alertId);
      // The drafts are the card's findings as the batch stores them (rule, severity, figures: cardsRaised packs them)
      raised.push({ alertId, projectId: first.projectId, name: first.name ?? first.projectId ?? code, rules: drafts });
    }
    // Cards of this checkpoint whose subject breaks no rule any more: resolved (they stay on record)
    if (before) for (const alertId of open.keys()) events.push(alertResolved(alertId, data.evaluation, now));
    if (raised.length === 0) continue;
    // One AlertsRaised per checkpoint evaluation (not one event per alert), indexed by alert id in the same write
    const batchId = alertsRaisedEventId(profile.name, code, year, lines.date, data.evaluation);
    events.push({ id: batchId, type: 'AlertsRaised', data: cardsRaised(profile, code, year, lines, today, raised) });
    index.push(...indexWritesOf(batchId, stream, raised.map((alert) => alert.alertId)));
  }
  return { events, also: index };
}

/** The cards of a profile still open (neither disposed nor resolved), by checkpoint date. */
function openCardsByCheckpoint(state: MonitoringState, code: string, year: number, profile: string, today: string): Map<string, Map<string, AlertRow>> {
  const result = new Map<string, Map<string, AlertRow>>();
  for (const row of alertListOf(code, year, state.events, today).alerts) {
    if (row.profile !== profile || row.checkpoint === null || row.status === 'disposed' || row.status === 'resolved') continue;
    let cards = result.get(row.checkpoint);
    if (!cards) result.set(row.checkpoint, (cards = new Map()));
    cards.set(row.id, row);
  }
  return result;
}

const alertUpdated = (alert: AlertRaisedData, evaluation: number): DecidedEvent => ({
  id: monitoringId(`alert-updated/${alert.alertId}/${evaluation}`),
  type: 'AlertUpdated',
  data: { alertId: alert.alertId, severity: alert.severity, rule: alert.rule, figures: alert.figures, message: alert.message, rules: alert.rules ?? [], evaluation } satisfies AlertUpdatedData,
});

const alertResolved = (alertId: string, evaluation: number, at: string): DecidedEvent => ({
  id: monitoringId(`alert-resolved/${alertId}/${evaluation}`),
  type: 'AlertResolved',
  data: { alertId, evaluation, at } satisfies AlertResolvedData,
});
