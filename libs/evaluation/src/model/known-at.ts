import { isRecordedBy } from '@bem/domain';

/** The bi-temporal view an evaluation is read under: facts dated ≤ asOf, recorded ≤ knownAt (unset: all). */
export interface EvaluationView {
  asOf?: string;
  knownAt?: string;
}

/** The stored events recorded by `knownAt` (the domain's known-at rule); every event when it is unset. */
export const recordedBy = <E extends { recordedAt: string }>(events: E[], knownAt: string | undefined): E[] =>
  knownAt ? events.filter((event) => isRecordedBy(event, knownAt)) : events;
