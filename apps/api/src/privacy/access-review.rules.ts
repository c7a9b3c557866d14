/**
 * The rules of the daily log review (docs/data-protection.md, "Daily log review"). IMY expects a care
 * provider to check its access logs regularly and systematically; these rules pick out what a person
 * should look at, they do not decide that anything was wrong.
 */
export interface AccessReviewRules {
  /** Reads at or after this local hour (Europe/Stockholm) and before `oddHoursTo` are odd. */
  oddHoursFrom: number;
  oddHoursTo: number;
  /** More distinct care recipients than this read by one user within one clock hour is bulk. */
  bulkRecipientsPerHour: number;
}

export const ACCESS_REVIEW_KINDS = ['outside_unit', 'odd_hours', 'bulk'] as const;
export type AccessReviewKind = (typeof ACCESS_REVIEW_KINDS)[number];

/** The calendar day in Sweden (YYYY-MM-DD) of an instant. */
export function swedishDay(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The Swedish calendar day before the one `instant` falls on: the day a run at `instant` reviews. */
export function dayBefore(instant: Date): string {
  const [y, m, d] = swedishDay(instant).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}
