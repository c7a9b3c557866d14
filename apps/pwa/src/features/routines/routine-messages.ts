import { useCatalogue, type CatalogueText } from '../../i18n/catalogue.js';

/*
 * The routine screens' text, Swedish first, loaded with their chunk (as feedback-messages.ts). The type
 * makes a key missing in English a type error.
 */
const sv = {
  'routines.title': 'Rutiner',
  'routines.intro': 'Så gör vi: vem gör vad, hur och när. Läs rutinen och bekräfta att du har läst och förstått den.',
  'routines.empty': 'Inga rutiner är hämtade till telefonen än. De hämtas när telefonen har nätverk.',
  'routines.fetched': 'Hämtade {time}',
  'routines.dueForReview': 'Rutiner som du äger och som ska ses över: {count}.',
  'routines.reviewFlag': 'Dags att se över',
  'routines.reading.confirmed': 'Läst och förstådd',
  'routines.reading.waiting': 'Bekräftad, väntar på synk',
  'routines.reading.new_version': 'Ny version att läsa',
  'routines.reading.unread': 'Inte bekräftad',
  'routines.back': 'Alla rutiner',
  'routines.notFound': 'Rutinen finns inte på telefonen.',
  'routines.process': 'Process',
  'routines.activity': 'Aktivitet',
  'routines.who': 'Vem',
  'routines.when': 'När',
  'routines.owner': 'Ägare',
  'routines.version': 'Version',
  'routines.reviewOn': 'Ses över senast',
  'routines.unit': 'Gäller',
  'routines.wholeMunicipality': 'Hela kommunen',
  'routines.checklistItem': 'Hör till checklistans fråga',
  'routines.howTo': 'Så här gör du',
  'routines.englishMissing': 'Rutinen finns bara på svenska.',
  'routines.confirm': 'Jag har läst och förstått',
  'routines.confirmed': 'Du har bekräftat version {version}.',
  'routines.confirmedWaiting': 'Du har bekräftat version {version}. Bekräftelsen skickas när telefonen har nätverk.',
  'routines.readers': 'Vilka har bekräftat version {version}?',
  'routines.readersSummary': '{confirmed} av {total} har bekräftat.',
  'routines.readersOffline': 'Listan kräver nätverk.',
  'routines.readersError': 'Listan kunde inte hämtas: {message}',
  'routines.reader.current': 'bekräftat',
  'routines.reader.older': 'bekräftat version {version}',
  'routines.reader.none': 'inte bekräftat',
  'routines.loadingText': 'Visar texten…',
};

type RoutineKey = keyof typeof sv;

const en: Record<RoutineKey, string> = {
  'routines.title': 'Routines',
  'routines.intro': 'How we do things: who does what, how and when. Read the routine and confirm that you have read and understood it.',
  'routines.empty': 'No routines are on the phone yet. They are downloaded when the phone has a network.',
  'routines.fetched': 'Downloaded {time}',
  'routines.dueForReview': 'Routines you own that are due for review: {count}.',
  'routines.reviewFlag': 'Due for review',
  'routines.reading.confirmed': 'Read and understood',
  'routines.reading.waiting': 'Confirmed, waiting to sync',
  'routines.reading.new_version': 'New version to read',
  'routines.reading.unread': 'Not confirmed',
  'routines.back': 'All routines',
  'routines.notFound': 'The routine is not on this phone.',
  'routines.process': 'Process',
  'routines.activity': 'Activity',
  'routines.who': 'Who',
  'routines.when': 'When',
  'routines.owner': 'Owner',
  'routines.version': 'Version',
  'routines.reviewOn': 'Review by',
  'routines.unit': 'Applies to',
  'routines.wholeMunicipality': 'The whole municipality',
  'routines.checklistItem': 'Belongs to the checklist question',
  'routines.howTo': 'How to do it',
  'routines.englishMissing': 'This routine is in Swedish only.',
  'routines.confirm': 'I have read and understood',
  'routines.confirmed': 'You have confirmed version {version}.',
  'routines.confirmedWaiting': 'You have confirmed version {version}. The confirmation is sent when the phone has a network.',
  'routines.readers': 'Who has confirmed version {version}?',
  'routines.readersSummary': '{confirmed} of {total} have confirmed.',
  'routines.readersOffline': 'The list needs a network.',
  'routines.readersError': 'The list could not be fetched: {message}',
  'routines.reader.current': 'confirmed',
  'routines.reader.older': 'confirmed version {version}',
  'routines.reader.none': 'not confirmed',
  'routines.loadingText': 'Showing the text…',
};

export const ROUTINE_MESSAGES = { sv, en };

/** The routine screens' own `t`, in the app's current language. */
export function useRoutineText(): { t: CatalogueText<RoutineKey>; locale: 'sv' | 'en' } {
  return useCatalogue(ROUTINE_MESSAGES);
}
