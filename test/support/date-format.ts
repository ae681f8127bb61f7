/** Dates on the dashboard are YYYY-MM-DD (with HH:mm:ss for instants): never 2026/12/2, 2026年12月2日 or an ISO instant. */
export function foreignDates(text: string): string[] {
  return [
    ...(text.match(/\d{4}\/\d{1,2}\/\d{1,2}/g) ?? []),
    ...(text.match(/\d{4}年\d{1,2}月\d{1,2}日/g) ?? []),
    ...(text.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g) ?? []),
    ...(text.match(/\b\d{4}-\d-\d{1,2}\b|\b\d{4}-\d{2}-\d\b/g) ?? []),
  ];
}
