import { useCatalogue, type CatalogueText } from '../../i18n/catalogue.js';

/* The self-check screen's text, Swedish first, loaded with its chunk (as deviation-messages.ts). */
const sv = {
  'selfChecks.title': 'Egenkontroller',
  'selfChecks.intro':
    'Enhetens egna kontroller av verksamheten: vad som kontrolleras, hur ofta, av vem och med vilken checklista. Det som hittas får åtgärder med ansvarig och datum.',
  'selfChecks.offline': 'Egenkontrollerna behöver nätverk.',
  'selfChecks.error': 'Kunde inte hämta egenkontrollerna: {message}',
  'selfChecks.plans': 'Planer',
  'selfChecks.none': 'Inga planerade egenkontroller.',
  'selfChecks.frequency.MONTHLY': 'varje månad',
  'selfChecks.frequency.QUARTERLY': 'varje kvartal',
  'selfChecks.frequency.HALF_YEARLY': 'varje halvår',
  'selfChecks.frequency.YEARLY': 'varje år',
  'selfChecks.state.NOT_DUE': 'Inte aktuell än',
  'selfChecks.state.DUE': 'Dags att göra',
  'selfChecks.state.OVERDUE': 'Försenad',
  'selfChecks.due': 'Nästa senast {date}',
  'selfChecks.last': 'Senast gjord {date}',
  'selfChecks.performer': 'Utförs av {who}',
  'selfChecks.role.STAFF': 'omsorgspersonal',
  'selfChecks.role.UNIT_MANAGER': 'enhetschef',
  'selfChecks.role.QUALITY_COORDINATOR': 'kvalitetsutvecklare',
  'selfChecks.perform': 'Gör egenkontrollen',
  'selfChecks.cancel': 'Avbryt',
  'selfChecks.save': 'Spara egenkontrollen',
  'selfChecks.recorded': 'Egenkontrollen är sparad.',
  'selfChecks.problems': 'Besvara alla frågor: {message}',
  'selfChecks.results': 'Genomförda egenkontroller',
  'selfChecks.noResults': 'Inga genomförda egenkontroller än.',
  'selfChecks.result': '{template}, {date}, av {who}',
  'selfChecks.noFindings': 'Inget att åtgärda.',
  'selfChecks.findings': 'Brister',
  'selfChecks.actionWhat': 'Ny åtgärd',
  'selfChecks.actionDue': 'Klart senast',
  'selfChecks.addAction': 'Lägg till åtgärd',
  'selfChecks.actionLine': '{what} · {owner} · senast {date}',
  'selfChecks.actionDone': 'klar',
  'selfChecks.markDone': 'Markera som klar',
  'selfChecks.saved': 'Sparat.',
  'selfChecks.failed': 'Kunde inte spara: {message}',
};
export type SelfCheckKey = keyof typeof sv;

const en: Record<SelfCheckKey, string> = {
  'selfChecks.title': 'Self-checks',
  'selfChecks.intro':
    "The unit's own checks of its work: what is checked, how often, by whom and with which checklist. What is found gets actions with an owner and a date.",
  'selfChecks.offline': 'The self-checks need a network.',
  'selfChecks.error': 'Could not load the self-checks: {message}',
  'selfChecks.plans': 'Plans',
  'selfChecks.none': 'No self-checks planned.',
  'selfChecks.frequency.MONTHLY': 'every month',
  'selfChecks.frequency.QUARTERLY': 'every quarter',
  'selfChecks.frequency.HALF_YEARLY': 'every six months',
  'selfChecks.frequency.YEARLY': 'every year',
  'selfChecks.state.NOT_DUE': 'Not due yet',
  'selfChecks.state.DUE': 'Due',
  'selfChecks.state.OVERDUE': 'Overdue',
  'selfChecks.due': 'Next by {date}',
  'selfChecks.last': 'Last done {date}',
  'selfChecks.performer': 'Performed by {who}',
  'selfChecks.role.STAFF': 'care staff',
  'selfChecks.role.UNIT_MANAGER': 'unit manager',
  'selfChecks.role.QUALITY_COORDINATOR': 'quality coordinator',
  'selfChecks.perform': 'Do the self-check',
  'selfChecks.cancel': 'Cancel',
  'selfChecks.save': 'Save the self-check',
  'selfChecks.recorded': 'The self-check is saved.',
  'selfChecks.problems': 'Answer every question: {message}',
  'selfChecks.results': 'Completed self-checks',
  'selfChecks.noResults': 'No self-checks completed yet.',
  'selfChecks.result': '{template}, {date}, by {who}',
  'selfChecks.noFindings': 'Nothing to act on.',
  'selfChecks.findings': 'Findings',
  'selfChecks.actionWhat': 'New action',
  'selfChecks.actionDue': 'Done by',
  'selfChecks.addAction': 'Add action',
  'selfChecks.actionLine': '{what} · {owner} · by {date}',
  'selfChecks.actionDone': 'done',
  'selfChecks.markDone': 'Mark as done',
  'selfChecks.saved': 'Saved.',
  'selfChecks.failed': 'Could not save: {message}',
};

export const SELF_CHECK_MESSAGES = { sv, en };

/** The self-check screen's own `t`, in the app's current language. */
export function useSelfCheckText(): { t: CatalogueText<SelfCheckKey>; locale: 'sv' | 'en' } {
  return useCatalogue(SELF_CHECK_MESSAGES);
}
