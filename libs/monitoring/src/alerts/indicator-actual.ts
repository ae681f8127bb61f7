/** An indicator's recorded actual: the value dated latest wins (an earlier-dated value recorded later does not replace it). */
export function applyActual(indicator: { actual: string | null; actualOn: string | null } | undefined, recorded: { value: string; occurredOn: string }): void {
  if (indicator && (indicator.actualOn === null || recorded.occurredOn >= indicator.actualOn)) {
    indicator.actual = recorded.value;
    indicator.actualOn = recorded.occurredOn;
  }
}
