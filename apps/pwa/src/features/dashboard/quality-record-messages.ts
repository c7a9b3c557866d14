import { useCatalogue, type CatalogueText } from '../../i18n/catalogue.js';

/*
 * The text of the compiled deviations and complaints (docs/quality-records.md), on the dashboard and in the
 * quality report, Swedish first. The type makes a key missing in English a type error.
 */
const sv = {
  'records.title': 'Avvikelser, klagomål och egenkontroller',
  'records.intro':
    'Avvikelser, klagomål och synpunkter som kommit in under {year}, och brister som egenkontrollerna hittat, per kategori, enhet och månad. Bara antal visas, aldrig innehåll.',
  'records.suppressed':
    '– betyder att antalet inte visas: det är mellan 1 och {below}, eller skulle gå att räkna fram ur andra siffror. Alla lex Sarah-rapporter räknas i en egen kategori, oavsett vad de gäller.',
  'records.trend': 'Inkomna per månad',
  'records.trendTable': 'Inkomna per månad, i tabellform',
  'records.month': 'Månad',
  'records.category': 'Kategori',
  'records.total': 'Totalt',
  'records.byCategoryAndUnit': '{source} {year}: inkomna per kategori och enhet',
  'records.received': 'Inkomna',
  'records.investigated': 'Utredda',
  'records.closed': 'Avslutade',
  'records.closedInTime': 'Avslutade i tid',
  'records.answered': 'Besvarade',
  'records.answeredInTime': 'Besvarade i tid',
  'records.withActions': 'Med åtgärd',
  'records.medianDays': 'Median dagar till avslut',
  'records.source.DEVIATION': 'Avvikelser',
  'records.source.FEEDBACK': 'Klagomål och synpunkter',
  'records.source.SELF_CHECK': 'Brister i egenkontroller',
  'records.category.high': 'Allvarlig',
  'records.category.medium': 'Måttlig',
  'records.category.low': 'Liten',
  'records.category.missed_visit': 'Missat besök',
  'records.category.fall': 'Fall',
  'records.category.medication': 'Läkemedel',
  'records.category.other': 'Annat',
  'records.category.lex_sarah': 'Lex Sarah',
  'records.category.complaint': 'Klagomål',
  'records.category.suggestion': 'Förslag',
  'records.category.praise': 'Beröm',
  'records.cause.environment': 'Miljö',
  'records.cause.equipment': 'Hjälpmedel och utrustning',
  'records.cause.health': 'Hälsa',
  'records.cause.behaviour': 'Beteende',
  'records.cause.information': 'Information och kommunikation',
  'records.cause.other': 'Annat',
  'records.report.deviations': 'Avvikelser: vad som rapporterades, vad som hittades och vad som ändrades',
  'records.report.reported': 'Rapporterade per kategori',
  'records.report.lexSarah': 'Lex Sarah-rapporter: {count}. Anmälda till IVO: {ivo}.',
  'records.report.found': 'Vad utredningarna hittade (orsaker i orsaksanalyser, lex Sarah-rapporter ej medräknade)',
  'records.report.cause': 'Orsak',
  'records.report.count': 'Antal',
  'records.report.changed': 'Vad som ändrades: {decided} åtgärder beslutade, varav {done} genomförda.',
  'records.report.feedback': 'Klagomål och synpunkter',
  'records.report.byKind': 'Inkomna per slag',
  'records.report.none': 'Inget att redovisa.',
} as const;

export type QualityRecordKey = keyof typeof sv;

const en: Record<QualityRecordKey, string> = {
  'records.title': 'Deviations, complaints and self-checks',
  'records.intro':
    'Deviations, complaints and feedback received in {year}, and the shortcomings the self-checks found, by category, unit and month. Only counts are shown, never content.',
  'records.suppressed':
    '– means the count is not shown: it is between 1 and {below}, or could be worked out from other numbers. Every lex Sarah report is counted in a category of its own, whatever it concerns.',
  'records.trend': 'Received per month',
  'records.trendTable': 'Received per month, as a table',
  'records.month': 'Month',
  'records.category': 'Category',
  'records.total': 'Total',
  'records.byCategoryAndUnit': '{source} {year}: received by category and unit',
  'records.received': 'Received',
  'records.investigated': 'Investigated',
  'records.closed': 'Closed',
  'records.closedInTime': 'Closed in time',
  'records.answered': 'Answered',
  'records.answeredInTime': 'Answered in time',
  'records.withActions': 'With action',
  'records.medianDays': 'Median days to close',
  'records.source.DEVIATION': 'Deviations',
  'records.source.FEEDBACK': 'Complaints and feedback',
  'records.source.SELF_CHECK': 'Self-check findings',
  'records.category.high': 'Serious',
  'records.category.medium': 'Moderate',
  'records.category.low': 'Minor',
  'records.category.missed_visit': 'Missed visit',
  'records.category.fall': 'Fall',
  'records.category.medication': 'Medication',
  'records.category.other': 'Other',
  'records.category.lex_sarah': 'Lex Sarah',
  'records.category.complaint': 'Complaint',
  'records.category.suggestion': 'Suggestion',
  'records.category.praise': 'Praise',
  'records.cause.environment': 'Environment',
  'records.cause.equipment': 'Aids and equipment',
  'records.cause.health': 'Health',
  'records.cause.behaviour': 'Behaviour',
  'records.cause.information': 'Information and communication',
  'records.cause.other': 'Other',
  'records.report.deviations': 'Deviations: what was reported, what was found and what was changed',
  'records.report.reported': 'Reported by category',
  'records.report.lexSarah': 'Lex Sarah reports: {count}. Notified to IVO: {ivo}.',
  'records.report.found': 'What investigations found (causes in cause analyses, lex Sarah reports left out)',
  'records.report.cause': 'Cause',
  'records.report.count': 'Count',
  'records.report.changed': 'What was changed: {decided} actions decided, of which {done} done.',
  'records.report.feedback': 'Complaints and feedback',
  'records.report.byKind': 'Received by kind',
  'records.report.none': 'Nothing to report.',
};

export const QUALITY_RECORD_MESSAGES = { sv, en };

export function useQualityRecordText(): { t: CatalogueText<QualityRecordKey>; locale: 'sv' | 'en' } {
  return useCatalogue(QUALITY_RECORD_MESSAGES);
}
