/** The bi-temporal view an evaluation is read under: facts dated ≤ asOf, recorded ≤ knownAt (unset: all). */
export interface EvaluationView {
  asOf?: string;
  knownAt?: string;
}

/** The stored events recorded by `knownAt` (metadata recordedAt ≤ it); every event when it is unset. */
export function recordedBy<E extends { recordedAt: string }>(events: E[], knownAt: string | undefined): E[] {
  if (!knownAt) return events;
  const limit = Date.parse(knownAt);
  return events.filter((event) => Date.parse(event.recordedAt) <= limit);
}
