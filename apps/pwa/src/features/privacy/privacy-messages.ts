import { useCatalogue, type CatalogueText } from '../../i18n/catalogue.js';

/*
 * The data-protection screen's text (docs/data-protection.md), Swedish first, in the lazily loaded chunk
 * with the screen; the type makes a key missing in English a type error.
 */
const sv = {
  'privacy.title': 'Dataskydd',
  'privacy.intro': 'Loggranskning, loggutdrag och radering av en brukares uppgifter.',
  'privacy.review.title': 'Loggranskning',
  'privacy.review.intro':
    'Läsningar av brukares uppgifter som bröt en regel under dagen: utanför enheten, nattetid eller i mängd. En flagga är något att titta på, inte ett fel.',
  'privacy.review.empty': 'Inga flaggor att granska.',
  'privacy.review.unreviewedOnly': 'Bara ogranskade',
  'privacy.review.day': 'Dag',
  'privacy.review.who': 'Vem',
  'privacy.review.kind': 'Regel',
  'privacy.review.reads': 'Läsningar (brukare)',
  'privacy.review.when': 'Första–sista',
  'privacy.review.status': 'Granskad',
  'privacy.review.note': 'Anteckning',
  'privacy.review.mark': 'Markera granskad',
  'privacy.review.kind.OUTSIDE_UNIT': 'Utanför enheten',
  'privacy.review.kind.ODD_HOURS': 'Nattetid',
  'privacy.review.kind.BULK': 'I mängd',
  'privacy.extract.title': 'Loggutdrag',
  'privacy.extract.intro': 'Vem som har läst eller ändrat vad om en brukare, och när: det utdrag en person har rätt att begära. Uttaget loggas.',
  'privacy.recipient': 'Brukare',
  'privacy.choose': 'Välj brukare',
  'privacy.extract.download': 'Ladda ner loggutdrag (CSV)',
  'privacy.erase.title': 'Radera brukarens uppgifter',
  'privacy.erase.intro': 'Tar bort referens, adress och fritext. Genomgångarna finns kvar som avidentifierad statistik. Kan inte ångras.',
  'privacy.erase.reason': 'Skäl (t.ex. begäran och diarienummer)',
  'privacy.erase.confirm': 'Jag förstår att raderingen inte kan ångras',
  'privacy.erase.submit': 'Radera',
  'privacy.erase.done': 'Raderat: {reviews} genomgångar finns kvar avidentifierade, {freeText} fritextsvar borttagna, {deviations} avvikelser utan fritext.',
  'privacy.erase.lexSarahKept':
    '{count} lex Sarah-rapporter sparas hela: utredningen av ett missförhållande ska dokumenteras och bevaras (SOSFS 2011:5), så rätten till radering gäller inte den. Berätta det i svaret till personen.',
  'privacy.error': 'Det gick inte: {message}',
} as const;

type Key = keyof typeof sv;

const en: Record<Key, string> = {
  'privacy.title': 'Data protection',
  'privacy.intro': "Log review, log extracts and erasure of a care recipient's data.",
  'privacy.review.title': 'Log review',
  'privacy.review.intro':
    "Reads of care recipients' data that broke a rule during the day: outside the unit, at night or in bulk. A flag is something to look at, not a fault.",
  'privacy.review.empty': 'No flags to review.',
  'privacy.review.unreviewedOnly': 'Unreviewed only',
  'privacy.review.day': 'Day',
  'privacy.review.who': 'Who',
  'privacy.review.kind': 'Rule',
  'privacy.review.reads': 'Reads (recipients)',
  'privacy.review.when': 'First–last',
  'privacy.review.status': 'Reviewed',
  'privacy.review.note': 'Note',
  'privacy.review.mark': 'Mark reviewed',
  'privacy.review.kind.OUTSIDE_UNIT': 'Outside the unit',
  'privacy.review.kind.ODD_HOURS': 'At night',
  'privacy.review.kind.BULK': 'In bulk',
  'privacy.extract.title': 'Log extract',
  'privacy.extract.intro': 'Who read or changed what about a care recipient, and when: the extract a person may ask for. Taking it is logged.',
  'privacy.recipient': 'Care recipient',
  'privacy.choose': 'Choose a care recipient',
  'privacy.extract.download': 'Download the log extract (CSV)',
  'privacy.erase.title': "Erase the care recipient's data",
  'privacy.erase.intro': 'Removes the reference, address and free text. The reviews stay as de-identified statistics. Cannot be undone.',
  'privacy.erase.reason': 'Reason (e.g. the request and its case number)',
  'privacy.erase.confirm': 'I understand that erasure cannot be undone',
  'privacy.erase.submit': 'Erase',
  'privacy.erase.done': 'Erased: {reviews} reviews remain de-identified, {freeText} free-text answers removed, {deviations} deviations without free text.',
  'privacy.erase.lexSarahKept':
    '{count} lex Sarah reports are kept whole: the investigation of a missförhållande must be documented and kept (SOSFS 2011:5), so the right to erasure does not reach it. Say so in the answer to the person.',
  'privacy.error': 'That failed: {message}',
};

export type PrivacyKey = Key;
export const PRIVACY_MESSAGES = { sv, en };

/** The screen's own `t`, in the app's current language. */
export function usePrivacyText(): { t: CatalogueText<Key>; locale: 'sv' | 'en' } {
  return useCatalogue(PRIVACY_MESSAGES);
}
