/** An indicator's recorded actual: the value dated latest wins (an earlier-dated value recorded later does not replace it). */
export const replacesActual = (current: { actualOn: string | null }, recorded: { occurredOn: string }): boolean =>
  current.actualOn === null || recorded.occurredOn >= current.actualOn;

export function applyActual(indicator: { actual: string | null; actualOn: string | null } | undefined, recorded: { value: string; occurredOn: string }): void {
  if (indicator && replacesActual(indicator, recorded)) {
    indicator.actual = recorded.value;
    indicator.actualOn = recorded.occurredOn;
  }
}
