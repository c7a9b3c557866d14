import type { Locale } from '@hjulet/domain';

/** Dates and times as a person reads them, in the phone's time zone. */

const tag = (locale: Locale): string => (locale === 'sv' ? 'sv-SE' : 'en-GB');

/** A day, e.g. "26 november 2026". */
export function formatDay(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleDateString(tag(locale), { day: 'numeric', month: 'long', year: 'numeric' });
}

/** A moment today as its time ("14:05"), another day with the day too ("25 nov. 14:05"). */
export function formatMoment(iso: string, locale: Locale, now = new Date()): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(tag(locale), { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return time;
  const day = at.toLocaleDateString(tag(locale), { day: 'numeric', month: 'short', ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }) });
  return `${day} ${time}`;
}
