import { useCallback } from 'react';
import { useI18n } from '../../i18n/i18n.js';

/*
 * The feedback screens' text, Swedish first, in the lazily loaded chunks with the screens (as the webhook
 * screen's, webhook-messages.ts): the public page must not grow the login screen's catalogue. The type makes
 * a key missing in English a type error.
 */
const sv = {
  'feedback.title': 'Lämna synpunkter eller klagomål',
  'feedback.intro':
    'Berätta vad som blev fel, vad som kan bli bättre eller vad som var bra i omsorgen. Du behöver inte logga in. Vi svarar inom två veckor om du vill ha svar.',
  'feedback.municipality': 'Kommunkod',
  'feedback.municipalityHint': 'Kommunens fyra siffror, till exempel 0180. Den finns på kommunens webbplats.',
  'feedback.kind': 'Vad gäller det?',
  'feedback.kind.COMPLAINT': 'Klagomål',
  'feedback.kind.SUGGESTION': 'Synpunkt eller förslag',
  'feedback.kind.PRAISE': 'Beröm',
  'feedback.kind.OTHER': 'Annat',
  'feedback.unit': 'Vilken verksamhet gäller det? (valfritt)',
  'feedback.unit.none': 'Vet inte eller vill inte ange',
  'feedback.unitsUnavailable': 'Listan över verksamheter kunde inte hämtas. Du kan skicka ändå och berätta i texten vilken det gäller.',
  'feedback.message': 'Vad vill du berätta?',
  'feedback.messageHint': 'Högst {max} tecken. {left} tecken kvar.',
  'feedback.contact': 'Dina kontaktuppgifter (valfritt)',
  'feedback.contactWhy':
    'Fyll i om du vill att vi kontaktar dig eller svarar dig. Du kan också vara anonym: lämna fälten tomma. Ange inte personnummer eller uppgifter om hälsa här.',
  'feedback.contactName': 'Namn (valfritt)',
  'feedback.contactEmail': 'E-post (valfritt)',
  'feedback.contactPhone': 'Telefon (valfritt)',
  'feedback.website': 'Lämna det här fältet tomt',
  'feedback.submit': 'Skicka',
  'feedback.sending': 'Skickar…',
  'feedback.problems': 'Rätta det som är markerat och skicka igen.',
  'feedback.problem.kind.REQUIRED': 'Välj vad det gäller.',
  'feedback.problem.message.REQUIRED': 'Skriv vad du vill berätta.',
  'feedback.problem.message.TOO_LONG': 'Texten är för lång: högst {max} tecken.',
  'feedback.problem.contactName.TOO_LONG': 'Namnet är för långt.',
  'feedback.problem.contactEmail.TOO_LONG': 'E-postadressen är för lång.',
  'feedback.problem.contactEmail.INVALID': 'Skriv en e-postadress, till exempel namn@exempel.se, eller lämna fältet tomt.',
  'feedback.problem.contactPhone.TOO_LONG': 'Telefonnumret är för långt.',
  'feedback.problem.contactPhone.INVALID': 'Skriv ett telefonnummer med siffror, till exempel 011-123 45 67, eller lämna fältet tomt.',
  'feedback.problem.municipality': 'Vi hittar ingen kommun med den koden. Skriv kommunens fyra siffror.',
  'feedback.problem.unitId': 'Verksamheten finns inte längre i listan. Välj en annan eller ingen.',
  'feedback.problem.other': 'Kontrollera fältet.',
  'feedback.tooMany':
    'Många synpunkter har skickats från den här uppkopplingen på kort tid, så vi tar inte emot fler just nu. Försök igen om {minutes} minuter, eller ring kommunen.',
  'feedback.offline': 'Du har ingen uppkoppling. Synpunkter kan inte skickas utan uppkoppling; försök igen när du är ansluten. Det du skrivit finns kvar.',
  'feedback.failed': 'Det gick inte att skicka just nu ({message}). Försök igen om en stund, eller ring kommunen.',
  'feedback.thanks': 'Tack! Vi har tagit emot det du skrev.',
  'feedback.caseNumber': 'Ditt ärendenummer',
  'feedback.caseNumberHint': 'Ange numret om du kontaktar oss om ärendet.',
  'feedback.dueOn': 'Vi svarar senast {date}.',
  'feedback.another': 'Skriv en ny synpunkt',
  'feedbackCases.title': 'Synpunkter och klagomål',
  'feedbackCases.intro':
    'Synpunkter och klagomål från allmänheten och från personalen. Varje ärende ska utredas och besvaras inom 14 dagar. Att visa listan loggas, eftersom ärendena innehåller personuppgifter.',
  'feedbackCases.publicForm': 'Allmänhetens formulär: {path}',
  'feedbackCases.filter': 'Visa',
  'feedbackCases.filter.ALL': 'alla',
  'feedbackCases.filter.OVERDUE': 'försenade',
  'feedbackCases.refresh': 'Uppdatera',
  'feedbackCases.none': 'Inga ärenden.',
  'feedbackCases.list': 'Ärenden',
  'feedbackCases.status.RECEIVED': 'mottaget',
  'feedbackCases.status.INVESTIGATING': 'utreds',
  'feedbackCases.status.ANSWERED': 'besvarat',
  'feedbackCases.channel.WEB': 'webbformulär',
  'feedbackCases.channel.PHONE': 'telefon',
  'feedbackCases.channel.PAPER': 'brev',
  'feedbackCases.channel.IN_PERSON': 'besök',
  'feedbackCases.overdue': 'Försenat',
  'feedbackCases.noUnit': 'ingen verksamhet ännu',
  'feedbackCases.received': 'Mottaget {date} ({channel})',
  'feedbackCases.due': 'Svar senast {date}',
  'feedbackCases.contact': 'Kontakt: {contact}',
  'feedbackCases.anonymous': 'Ingen kontaktuppgift',
  'feedbackCases.findings': 'Vad utredningen kom fram till',
  'feedbackCases.answer': 'Svar till den som skrev',
  'feedbackCases.answerSubmit': 'Spara svaret och avsluta',
  'feedbackCases.answerLabel': 'Besvara {caseNumber}',
  'feedbackCases.answered': '{caseNumber} är besvarat och avslutat.',
  'feedbackCases.routeTo': 'Ansvarig verksamhet',
  'feedbackCases.routeSubmit': 'Skicka till verksamheten',
  'feedbackCases.routed': '{caseNumber} är skickat till {unit}.',
  'feedbackCases.register': 'Registrera synpunkt som kom på annat sätt',
  'feedbackCases.channel': 'Hur kom den in?',
  'feedbackCases.registerSubmit': 'Registrera',
  'feedbackCases.registered': 'Registrerat som {caseNumber}. Svar senast {date}.',
  'feedbackCases.contactWhy': 'Fyll i om personen vill ha svar.',
  'feedbackCases.error': 'Något gick fel: {message}',
} as const;

export type FeedbackKey = keyof typeof sv;

const en: Record<FeedbackKey, string> = {
  'feedback.title': 'Give feedback or make a complaint',
  'feedback.intro':
    'Tell us what went wrong, what could be better or what was good in the care. You do not need to log in. If you want an answer, we answer within two weeks.',
  'feedback.municipality': 'Municipality code',
  'feedback.municipalityHint': "The municipality's four digits, for example 0180. You find it on the municipality's website.",
  'feedback.kind': 'What is it about?',
  'feedback.kind.COMPLAINT': 'Complaint',
  'feedback.kind.SUGGESTION': 'Opinion or suggestion',
  'feedback.kind.PRAISE': 'Praise',
  'feedback.kind.OTHER': 'Other',
  'feedback.unit': 'Which service is it about? (optional)',
  'feedback.unit.none': 'Do not know or prefer not to say',
  'feedback.unitsUnavailable': 'The list of services could not be loaded. You can still send, and say in the text which one it is.',
  'feedback.message': 'What would you like to tell us?',
  'feedback.messageHint': 'At most {max} characters. {left} characters left.',
  'feedback.contact': 'Your contact details (optional)',
  'feedback.contactWhy':
    'Fill these in if you want us to contact you or answer you. You may also stay anonymous: leave them empty. Do not give a personal identity number or health details here.',
  'feedback.contactName': 'Name (optional)',
  'feedback.contactEmail': 'Email (optional)',
  'feedback.contactPhone': 'Phone (optional)',
  'feedback.website': 'Leave this field empty',
  'feedback.submit': 'Send',
  'feedback.sending': 'Sending…',
  'feedback.problems': 'Correct what is marked and send again.',
  'feedback.problem.kind.REQUIRED': 'Choose what it is about.',
  'feedback.problem.message.REQUIRED': 'Write what you would like to tell us.',
  'feedback.problem.message.TOO_LONG': 'The text is too long: at most {max} characters.',
  'feedback.problem.contactName.TOO_LONG': 'The name is too long.',
  'feedback.problem.contactEmail.TOO_LONG': 'The email address is too long.',
  'feedback.problem.contactEmail.INVALID': 'Write an email address, for example name@example.com, or leave the field empty.',
  'feedback.problem.contactPhone.TOO_LONG': 'The phone number is too long.',
  'feedback.problem.contactPhone.INVALID': 'Write a phone number in digits, for example 011-123 45 67, or leave the field empty.',
  'feedback.problem.municipality': 'We find no municipality with that code. Write its four digits.',
  'feedback.problem.unitId': 'That service is no longer in the list. Choose another or none.',
  'feedback.problem.other': 'Check this field.',
  'feedback.tooMany':
    'A lot of feedback has been sent from this connection in a short time, so we cannot take more right now. Try again in {minutes} minutes, or call the municipality.',
  'feedback.offline': 'You are offline. Feedback cannot be sent without a connection; try again when you are connected. What you wrote is kept.',
  'feedback.failed': 'It could not be sent right now ({message}). Try again in a while, or call the municipality.',
  'feedback.thanks': 'Thank you! We have received what you wrote.',
  'feedback.caseNumber': 'Your case number',
  'feedback.caseNumberHint': 'Quote the number if you contact us about it.',
  'feedback.dueOn': 'We will answer by {date}.',
  'feedback.another': 'Write new feedback',
  'feedbackCases.title': 'Feedback and complaints',
  'feedbackCases.intro':
    'Feedback and complaints from the public and from staff. Every case is to be investigated and answered within 14 days. Showing the list is logged, as the cases hold personal data.',
  'feedbackCases.publicForm': 'The public form: {path}',
  'feedbackCases.filter': 'Show',
  'feedbackCases.filter.ALL': 'all',
  'feedbackCases.filter.OVERDUE': 'overdue',
  'feedbackCases.refresh': 'Refresh',
  'feedbackCases.none': 'No cases.',
  'feedbackCases.list': 'Cases',
  'feedbackCases.status.RECEIVED': 'received',
  'feedbackCases.status.INVESTIGATING': 'being investigated',
  'feedbackCases.status.ANSWERED': 'answered',
  'feedbackCases.channel.WEB': 'web form',
  'feedbackCases.channel.PHONE': 'phone',
  'feedbackCases.channel.PAPER': 'letter',
  'feedbackCases.channel.IN_PERSON': 'in person',
  'feedbackCases.overdue': 'Overdue',
  'feedbackCases.noUnit': 'no service yet',
  'feedbackCases.received': 'Received {date} ({channel})',
  'feedbackCases.due': 'Answer by {date}',
  'feedbackCases.contact': 'Contact: {contact}',
  'feedbackCases.anonymous': 'No contact details',
  'feedbackCases.findings': 'What the investigation found',
  'feedbackCases.answer': 'Answer to the sender',
  'feedbackCases.answerSubmit': 'Save the answer and close',
  'feedbackCases.answerLabel': 'Answer {caseNumber}',
  'feedbackCases.answered': '{caseNumber} is answered and closed.',
  'feedbackCases.routeTo': 'Responsible service',
  'feedbackCases.routeSubmit': 'Send to the service',
  'feedbackCases.routed': '{caseNumber} is sent to {unit}.',
  'feedbackCases.register': 'Register feedback that came another way',
  'feedbackCases.channel': 'How did it come in?',
  'feedbackCases.registerSubmit': 'Register',
  'feedbackCases.registered': 'Registered as {caseNumber}. Answer by {date}.',
  'feedbackCases.contactWhy': 'Fill in if the person wants an answer.',
  'feedbackCases.error': 'Something went wrong: {message}',
};

export const FEEDBACK_MESSAGES = { sv, en };

/** The feedback screens' own `t`, in the app's current language. */
export function useFeedbackText(): { t: (key: FeedbackKey, params?: Record<string, string | number>) => string; locale: 'sv' | 'en' } {
  const { locale } = useI18n();
  const t = useCallback(
    (key: FeedbackKey, params: Record<string, string | number> = {}) =>
      FEEDBACK_MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)),
    [locale],
  );
  return { t, locale };
}

/** The text for a field's problem: a specific one where the catalogue has it, else a general one. */
export function problemKey(field: string, code: string): FeedbackKey {
  const specific = `feedback.problem.${field}.${code}`;
  if (specific in sv) return specific as FeedbackKey;
  if (field === 'municipality' || field === 'unitId') return `feedback.problem.${field}`;
  return 'feedback.problem.other';
}
