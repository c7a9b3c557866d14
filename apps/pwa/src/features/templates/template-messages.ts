import { useCatalogue, type CatalogueText } from '../../i18n/catalogue.js';

/*
 * The templates screen's text, Swedish first, in the lazily loaded chunk with the screen; the type makes a
 * key missing in English a type error.
 */
const sv = {
  'templates.title': 'Checklistmallar',
  'templates.intro': 'Importera ett formulär i XLSForm (ODK, KoboToolbox) som en ny version, eller ladda ner en version som XLSForm eller FHIR.',
  'templates.empty': 'Inga mallar.',
  'templates.version': 'Version {version}',
  'templates.status.DRAFT': 'utkast',
  'templates.status.PUBLISHED': 'publicerad',
  'templates.downloadXlsForm': 'XLSForm',
  'templates.downloadFhir': 'FHIR',
  'templates.downloadXlsFormLabel': 'Ladda ner {title} version {version} som XLSForm',
  'templates.downloadFhirLabel': 'Ladda ner {title} version {version} som FHIR Questionnaire',
  'templates.import': 'Importera XLSForm',
  'templates.file': 'Fil (.xlsx, högst 1 MB)',
  'templates.publish': 'Publicera direkt',
  'templates.imported': 'Version {version} av {key} är importerad ({status}).',
  'templates.warnings': 'Rader som inte togs med:',
  'templates.rejected': 'Filen importerades inte. Inget sparades.',
  'templates.error': 'Något gick fel: {message}',
} as const;

type Key = keyof typeof sv;

const en: Record<Key, string> = {
  'templates.title': 'Checklist templates',
  'templates.intro': 'Import a form in XLSForm (ODK, KoboToolbox) as a new version, or download a version as XLSForm or FHIR.',
  'templates.empty': 'No templates.',
  'templates.version': 'Version {version}',
  'templates.status.DRAFT': 'draft',
  'templates.status.PUBLISHED': 'published',
  'templates.downloadXlsForm': 'XLSForm',
  'templates.downloadFhir': 'FHIR',
  'templates.downloadXlsFormLabel': 'Download {title} version {version} as XLSForm',
  'templates.downloadFhirLabel': 'Download {title} version {version} as a FHIR Questionnaire',
  'templates.import': 'Import XLSForm',
  'templates.file': 'File (.xlsx, at most 1 MB)',
  'templates.publish': 'Publish at once',
  'templates.imported': 'Version {version} of {key} is imported ({status}).',
  'templates.warnings': 'Rows left out:',
  'templates.rejected': 'The file was not imported. Nothing was saved.',
  'templates.error': 'Something went wrong: {message}',
};

export type TemplateKey = Key;
export const TEMPLATE_MESSAGES = { sv, en };

/** The screen's own `t`, in the app's current language. */
export function useTemplateText(): { t: CatalogueText<Key>; locale: 'sv' | 'en' } {
  return useCatalogue(TEMPLATE_MESSAGES);
}
