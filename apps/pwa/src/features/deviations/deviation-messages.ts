import { useCatalogue, type CatalogueText } from '../../i18n/catalogue.js';

/*
 * The deviation screen's text, Swedish first, loaded with its chunk (as routine-messages.ts). The type
 * makes a key missing in English a type error.
 */
const sv = {
  'deviation.title': 'Rapportera avvikelse',
  'deviation.intro':
    'Något som inte blev som det skulle: ett missat besök, ett fall, ett läkemedel som hanterats fel, en risk för missförhållande. Rapporten sparas i telefonen och skickas när telefonen har nätverk.',
  'deviation.kind': 'Vad gäller det?',
  'deviation.kind.missed_visit': 'Missat besök',
  'deviation.kind.fall': 'Fall',
  'deviation.kind.medication': 'Läkemedel som hanterats fel',
  'deviation.kind.missforhallande': 'Missförhållande eller risk för missförhållande',
  'deviation.kind.other': 'Annat',
  'deviation.lexSarah': 'Lex Sarah-rapport',
  'deviation.lexSarahHelp':
    'Ett missförhållande eller en påtaglig risk för ett missförhållande för en brukare. Rapporten läses bara av dem som utsetts att ta emot lex Sarah-rapporter; när den är skickad finns den inte kvar i telefonen.',
  'deviation.occurredAt': 'När hände det?',
  'deviation.recipient': 'Brukare (om det gäller en person)',
  'deviation.noRecipient': 'Ingen särskild brukare',
  'deviation.description': 'Vad hände?',
  'deviation.immediateAction': 'Vad gjordes direkt? (valfritt)',
  'deviation.submit': 'Spara och skicka',
  'deviation.saved': 'Avvikelsen är sparad och skickas när telefonen har nätverk.',
  'deviation.savedLexSarah': 'Lex Sarah-rapporten är sparad och skickas till dem som tar emot lex Sarah-rapporter när telefonen har nätverk.',
  'deviation.another': 'Rapportera en till',
  'deviation.problems': 'Rätta det som är markerat.',
  'deviation.problem.REQUIRED': 'Fyll i det här.',
  'deviation.problem.TOO_LONG': 'Texten är för lång.',
  'deviation.problem.INVALID': 'Tiden kan inte vara i framtiden.',
  'deviation.back': 'Tillbaka till brukarna',
};

export type DeviationKey = keyof typeof sv;

const en: Record<DeviationKey, string> = {
  'deviation.title': 'Report a deviation',
  'deviation.intro':
    'Something that did not go as it should: a missed visit, a fall, a medicine handled wrong, a risk of abuse or neglect. The report is saved on the phone and sent when the phone has a network.',
  'deviation.kind': 'What is it about?',
  'deviation.kind.missed_visit': 'Missed visit',
  'deviation.kind.fall': 'Fall',
  'deviation.kind.medication': 'Medicine handled wrong',
  'deviation.kind.missforhallande': 'Abuse or neglect (missförhållande), or a risk of it',
  'deviation.kind.other': 'Other',
  'deviation.lexSarah': 'Lex Sarah report',
  'deviation.lexSarahHelp':
    'Abuse or neglect of a client, or a clear risk of it. Only those designated to receive lex Sarah reports read it; once sent, it is no longer kept on the phone.',
  'deviation.occurredAt': 'When did it happen?',
  'deviation.recipient': 'Client (if it concerns a person)',
  'deviation.noRecipient': 'No particular client',
  'deviation.description': 'What happened?',
  'deviation.immediateAction': 'What was done at once? (optional)',
  'deviation.submit': 'Save and send',
  'deviation.saved': 'The deviation is saved and is sent when the phone has a network.',
  'deviation.savedLexSarah': 'The lex Sarah report is saved and is sent to those who receive lex Sarah reports when the phone has a network.',
  'deviation.another': 'Report another',
  'deviation.problems': 'Correct what is marked.',
  'deviation.problem.REQUIRED': 'Fill this in.',
  'deviation.problem.TOO_LONG': 'The text is too long.',
  'deviation.problem.INVALID': 'The time cannot be in the future.',
  'deviation.back': 'Back to clients',
};

export const DEVIATION_MESSAGES = { sv, en };

/** The deviation screen's own `t`, in the app's current language. */
export function useDeviationText(): { t: CatalogueText<DeviationKey>; locale: 'sv' | 'en' } {
  return useCatalogue(DEVIATION_MESSAGES);
}
