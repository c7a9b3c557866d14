import { useCatalogue, type CatalogueText } from '../../i18n/catalogue.js';

/*
 * The user-survey screens' text, Swedish first, loaded with their chunks (as deviation-messages.ts). The type
 * makes a key missing in English a type error.
 */
const sv = {
  'survey.section': 'Brukarundersökning',
  'survey.sectionIntro': 'Andel positiva svar per fråga och enhet, {year} och året innan. Resultat där färre än 5 svarat visas inte.',
  'survey.none': 'Inga resultat från brukarundersökningar för {year}.',
  'survey.question': 'Fråga',
  'survey.unit': 'Enhet',
  'survey.thisYear': '{year}',
  'survey.change': 'Förändring',
  'survey.respondents': 'Antal svar',
  'survey.hidden': 'Dolt (färre än 5 svar)',
  'survey.hiddenShort': 'Dolt',
  'survey.changeValue': '{value} procentenheter',
  'survey.source.NATIONAL': 'Nationell',
  'survey.source.OWN': 'Egen',
  'survey.import': 'Importera brukarundersökning',
  'survey.error': 'Något gick fel: {message}',
  'import.title': 'Importera brukarundersökning',
  'import.intro':
    'Resultat från Socialstyrelsens undersökning "Vad tycker de äldre om äldreomsorgen?" eller en egen undersökning, per enhet och fråga, som en CSV-fil: enhet;fråga;andel positiva;antal svar. Granska filen först; ingenting sparas förrän du importerar, och en fil med fel sparas inte alls.',
  'import.source': 'Undersökning',
  'import.source.national': 'Nationell brukarundersökning (Socialstyrelsen)',
  'import.source.own': 'Kommunens egen undersökning',
  'import.name': 'Undersökningens namn',
  'import.year': 'År',
  'import.file': 'CSV-fil',
  'import.preview': 'Granska filen',
  'import.previewing': 'Granskar …',
  'import.rows': '{count} rader kan importeras',
  'import.problems': '{count} fel i filen. Rätta filen och välj den igen.',
  'import.problemRow': 'Rad',
  'import.problemColumn': 'Kolumn',
  'import.problemMessage': 'Fel',
  'import.wholeFile': 'Hela filen',
  'import.result': 'Andel positiva',
  'import.submit': 'Importera {count} rader',
  'import.importing': 'Importerar …',
  'import.done': 'Importen är klar: {inserted} nya resultat, {replaced} ersatta.',
  'import.toDashboard': 'Visa på översikten',
  'import.back': 'Tillbaka till Kvalitet',
  'import.chooseFile': 'Välj en fil först.',
  'evidence.title': 'Brukarundersökning som underlag',
  'evidence.none': 'Målet hänvisar inte till någon brukarundersökning.',
  'evidence.cite': 'Lägg till fråga som underlag',
  'evidence.question': 'Fråga ur brukarundersökning {year}',
  'evidence.noQuestions': 'Det finns inga resultat från brukarundersökningar för {year} att hänvisa till.',
  'evidence.add': 'Lägg till',
  'evidence.remove': 'Ta bort',
  'problem.REQUIRED': 'Saknas.',
  'problem.TOO_LONG': 'Texten är för lång.',
  'problem.INVALID': 'Kan inte läsas: andel positiva är ett tal 0–100 (87,5) och antal svar ett heltal.',
  'problem.OUT_OF_RANGE': 'Andel positiva är från 0 till 100.',
  'problem.DUPLICATE': 'Samma enhet och fråga finns redan på en tidigare rad.',
  'problem.UNKNOWN_UNIT': 'Ingen enhet heter så.',
  'problem.OUT_OF_SCOPE': 'Enheten ingår inte i ditt ansvar.',
  'problem.TOO_MANY_ROWS': 'Högst 5 000 rader åt gången.',
  'problem.header': 'Första raden ska namnge kolumnerna: enhet;fråga;andel positiva;antal svar.',
  'problem.csv': 'Filen kan inte läsas som CSV.',
} as const;

export type SurveyKey = keyof typeof sv;

const en: Record<SurveyKey, string> = {
  'survey.section': 'User survey',
  'survey.sectionIntro': 'Share of positive answers by question and unit, {year} and the year before. Results where fewer than 5 answered are not shown.',
  'survey.none': 'No user-survey results for {year}.',
  'survey.question': 'Question',
  'survey.unit': 'Unit',
  'survey.thisYear': '{year}',
  'survey.change': 'Change',
  'survey.respondents': 'Respondents',
  'survey.hidden': 'Hidden (fewer than 5 answers)',
  'survey.hiddenShort': 'Hidden',
  'survey.changeValue': '{value} percentage points',
  'survey.source.NATIONAL': 'National',
  'survey.source.OWN': 'Own',
  'survey.import': 'Import user survey',
  'survey.error': 'Something went wrong: {message}',
  'import.title': 'Import user survey',
  'import.intro':
    'Results of Socialstyrelsen\'s survey "Vad tycker de äldre om äldreomsorgen?" or of your own survey, by unit and question, as a CSV file: unit;question;share positive;respondents. Check the file first; nothing is saved until you import, and a file with errors is not saved at all.',
  'import.source': 'Survey',
  'import.source.national': 'National user survey (Socialstyrelsen)',
  'import.source.own': "The municipality's own survey",
  'import.name': 'Name of the survey',
  'import.year': 'Year',
  'import.file': 'CSV file',
  'import.preview': 'Check the file',
  'import.previewing': 'Checking …',
  'import.rows': '{count} rows can be imported',
  'import.problems': '{count} errors in the file. Correct the file and choose it again.',
  'import.problemRow': 'Row',
  'import.problemColumn': 'Column',
  'import.problemMessage': 'Error',
  'import.wholeFile': 'Whole file',
  'import.result': 'Share positive',
  'import.submit': 'Import {count} rows',
  'import.importing': 'Importing …',
  'import.done': 'Import done: {inserted} new results, {replaced} replaced.',
  'import.toDashboard': 'Show on the overview',
  'import.back': 'Back to Quality',
  'import.chooseFile': 'Choose a file first.',
  'evidence.title': 'User survey as evidence',
  'evidence.none': 'The goal cites no user survey.',
  'evidence.cite': 'Add a question as evidence',
  'evidence.question': 'Question from the user survey {year}',
  'evidence.noQuestions': 'There are no user-survey results for {year} to cite.',
  'evidence.add': 'Add',
  'evidence.remove': 'Remove',
  'problem.REQUIRED': 'Missing.',
  'problem.TOO_LONG': 'The text is too long.',
  'problem.INVALID': 'Cannot be read: share positive is a number 0–100 (87.5) and respondents a whole number.',
  'problem.OUT_OF_RANGE': 'Share positive is from 0 to 100.',
  'problem.DUPLICATE': 'The same unit and question are on an earlier row.',
  'problem.UNKNOWN_UNIT': 'No unit has this name.',
  'problem.OUT_OF_SCOPE': 'The unit is outside your scope.',
  'problem.TOO_MANY_ROWS': 'At most 5,000 rows at a time.',
  'problem.header': 'The first row names the columns: unit;question;share positive;respondents.',
  'problem.csv': 'The file cannot be read as CSV.',
};

export const SURVEY_MESSAGES = { sv, en };

/** The user-survey screens' own `t`, in the app's current language. */
export function useSurveyText(): { t: CatalogueText<SurveyKey>; locale: 'sv' | 'en' } {
  return useCatalogue(SURVEY_MESSAGES);
}

/** A share 0–100 as the reader's language writes it: "87,5 %" / "87.5 %", the space unbreakable so a narrow column keeps them together. */
export const formatShare = (share: number, locale: 'sv' | 'en') =>
  `${share.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 })}\u00a0%`;

/** A change in percentage points with its sign: "+6,6" / "−2". */
export const formatChange = (change: number, locale: 'sv' | 'en') =>
  `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 })}`;
