import { useCatalogue, type CatalogueText } from '../../i18n/catalogue.js';

/*
 * The webhook deliveries screen's text, Swedish first, in the lazily loaded chunk with the screen; the type
 * makes a key missing in English a type error.
 */
const sv = {
  'webhooks.title': 'Webhookar till partner',
  'webhooks.intro':
    'Händelser som skickas till partnernas system (t.ex. räddningstjänsten), signerade enligt Standard Webhooks. Misslyckade försök görs om med allt längre mellanrum; efter sista försöket hamnar leveransen bland döda och kan skickas om här.',
  'webhooks.endpoints': 'Mottagare',
  'webhooks.noEndpoints': 'Inga mottagare registrerade.',
  'webhooks.removed': 'borttagen',
  'webhooks.deliveries': 'Leveranser',
  'webhooks.filter': 'Visa',
  'webhooks.filter.ALL': 'alla',
  'webhooks.noDeliveries': 'Inga leveranser.',
  'webhooks.event.REFERRAL_CREATED': 'Ny remiss',
  'webhooks.event.STATISTICS_PERIOD_CLOSED': 'Statistikperiod stängd',
  'webhooks.status.PENDING': 'väntar',
  'webhooks.status.DELIVERED': 'levererad',
  'webhooks.status.FAILED': 'misslyckad, försöker igen',
  'webhooks.status.DEAD': 'död (alla försök misslyckades)',
  'webhooks.attempts': '{attempts} försök',
  'webhooks.lastError': 'Senaste fel: {error}',
  'webhooks.redeliver': 'Skicka igen',
  'webhooks.redeliverLabel': 'Skicka igen: leverans {subject} till {partner}',
  'webhooks.redelivered': 'Leveransen är köad igen.',
  'webhooks.refresh': 'Uppdatera',
  'webhooks.error': 'Något gick fel: {message}',
  'webhooks.register': 'Registrera mottagare',
  'webhooks.register.noPartners': 'Registrera först en partnerklient; sedan kan dess mottagare läggas till här.',
  'webhooks.register.partner': 'Partnerklient',
  'webhooks.register.url': 'Mottagarens adress (URL)',
  'webhooks.register.urlHint': 'Måste börja med https://.',
  'webhooks.register.events': 'Händelser',
  'webhooks.register.submit': 'Registrera',
  'webhooks.register.done': 'Mottagaren är registrerad.',
  'webhooks.register.secret': 'Signeringsnyckel, visas bara nu; ge den till partnern på ett säkert sätt:',
} as const;

type Key = keyof typeof sv;

const en: Record<Key, string> = {
  'webhooks.title': 'Partner webhooks',
  'webhooks.intro':
    "Events sent to partners' systems (e.g. the fire service), signed per Standard Webhooks. Failed tries are repeated at growing intervals; after the last try a delivery is dead and can be sent again here.",
  'webhooks.endpoints': 'Endpoints',
  'webhooks.noEndpoints': 'No endpoints registered.',
  'webhooks.removed': 'removed',
  'webhooks.deliveries': 'Deliveries',
  'webhooks.filter': 'Show',
  'webhooks.filter.ALL': 'all',
  'webhooks.noDeliveries': 'No deliveries.',
  'webhooks.event.REFERRAL_CREATED': 'Referral created',
  'webhooks.event.STATISTICS_PERIOD_CLOSED': 'Statistics period closed',
  'webhooks.status.PENDING': 'pending',
  'webhooks.status.DELIVERED': 'delivered',
  'webhooks.status.FAILED': 'failed, retrying',
  'webhooks.status.DEAD': 'dead (every try failed)',
  'webhooks.attempts': '{attempts} tries',
  'webhooks.lastError': 'Last error: {error}',
  'webhooks.redeliver': 'Redeliver',
  'webhooks.redeliverLabel': 'Redeliver {subject} to {partner}',
  'webhooks.redelivered': 'The delivery is queued again.',
  'webhooks.refresh': 'Refresh',
  'webhooks.error': 'Something went wrong: {message}',
  'webhooks.register': 'Register an endpoint',
  'webhooks.register.noPartners': 'Register a partner client first; its endpoints can then be added here.',
  'webhooks.register.partner': 'Partner client',
  'webhooks.register.url': "The endpoint's address (URL)",
  'webhooks.register.urlHint': 'Must start with https://.',
  'webhooks.register.events': 'Events',
  'webhooks.register.submit': 'Register',
  'webhooks.register.done': 'The endpoint is registered.',
  'webhooks.register.secret': 'Signing secret, shown only now; give it to the partner over a safe channel:',
};

export const WEBHOOK_MESSAGES = { sv, en };

/** The screen's own `t`, in the app's current language. */
export function useWebhookText(): { t: CatalogueText<Key>; locale: 'sv' | 'en' } {
  return useCatalogue(WEBHOOK_MESSAGES);
}
