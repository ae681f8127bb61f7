import type { StreamDecider, StreamDecision } from '@bem/commands';
import { type AcknowledgeAlerts, type DisposeAlert, type RaiseRefusedOverspendCard, decideAcknowledgements, decideDisposition, decideRefusedOverspendCard } from './alert-answers';
import { monitoringStream } from '@bem/domain';
import { type EvaluateCheckpoints, decideEvaluation, indexWritesOf, storedBatchIndex } from './checkpoint-decision';
import { type MonitoringState, evolveMonitoring, foldMonitoring, initialMonitoringState } from './monitoring-state';

/** Every command on a department-year's monitoring stream. */
export type MonitoringCommand = EvaluateCheckpoints | AcknowledgeAlerts | DisposeAlert | RaiseRefusedOverspendCard;

const onStream = (events: StreamDecision['events']): StreamDecision => ({ events, also: [] });

export function decideMonitoring(command: MonitoringCommand, state: MonitoringState, stored: ReadonlySet<string>): StreamDecision {
  switch (command.kind) {
    case 'EvaluateCheckpoints':
      return decideEvaluation(command, state, stored);
    case 'AcknowledgeAlerts':
      return onStream(decideAcknowledgements(command, state));
    case 'DisposeAlert':
      return onStream(decideDisposition(command, state));
    case 'RaiseRefusedOverspendCard': {
      const events = decideRefusedOverspendCard(command, state);
      // Indexed like a batch, so that findAlert knows its stream from its id alone (KurrentDB has no lookup by id)
      const { alertId, departmentCode, fiscalYear } = command.alert;
      return { events, also: events.length ? indexWritesOf(alertId, monitoringStream(departmentCode, fiscalYear), [alertId]) : [] };
    }
  }
}

/**
 * The monitoring decider (checkpoints, alerts, answers), pure: run by the generic command handler
 * (`CommandHandler.handleWith`), which reads and folds the stream, looks up the index entries an evaluation
 * asks about, and appends what it decides at the expected revisions.
 */
export const monitoringDecider: StreamDecider<MonitoringCommand, MonitoringState> = {
  initialState: initialMonitoringState,
  evolve: evolveMonitoring,
  fold: foldMonitoring,
  lookups: (command, state) => (command.kind === 'EvaluateCheckpoints' ? storedBatchIndex(command, state).map((write) => ({ id: write.events[0].id, stream: write.stream })) : []),
  decide: decideMonitoring,
};
