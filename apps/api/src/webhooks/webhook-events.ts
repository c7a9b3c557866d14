/** The events a partner can subscribe to, as the `webhook_endpoint.events` and the payload's `type` name them. */
export const WEBHOOK_EVENTS = ['referral.created', 'statistics.period_closed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The calendar month before `now` (UTC), the one that has just closed, with its ISO dates and the instant it ended. */
export function lastClosedMonth(now: Date): { key: string; from: string; to: string; endsAt: Date } {
  const endsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const start = new Date(Date.UTC(endsAt.getUTCFullYear(), endsAt.getUTCMonth() - 1, 1));
  const last = new Date(endsAt.getTime() - 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { key: day(start).slice(0, 7), from: day(start), to: day(last), endsAt };
}
