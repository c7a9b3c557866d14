import type { Locale } from '@hjulet/domain';

/*
 * The XLSForm workbook as plain data, between the mapping (pure) and exceljs (I/O): a sheet is its header
 * and its rows of strings. Column names are matched without regard to case, as pyxform does.
 */

/** One row of a sheet: its number in the workbook (header is row 1) and its cells by lower-case header. */
export interface SheetRow {
  row: number;
  cells: ReadonlyMap<string, string>;
}

/** A sheet read from a workbook. */
export interface ReadSheet {
  name: string;
  /** Lower-case headers in column order. */
  headers: string[];
  rows: SheetRow[];
}

/** A sheet to write: headers as written (case kept) and rows of cells in header order. */
export interface WrittenSheet {
  name: string;
  headers: string[];
  rows: string[][];
}

/** The sheets of an XLSForm; `hjulet_actions` is Hjulet's own and ignored by ODK tools. */
export const SHEETS = { survey: 'survey', choices: 'choices', settings: 'settings', actions: 'hjulet_actions' } as const;

/** Languages as XLSForm names them: `label::Svenska (sv)`. Import also accepts any name ending in `(sv)` / `(en)`. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { sv: 'Svenska (sv)', en: 'English (en)' };

/** Hjulet's columns in the survey sheet. ODK tools ignore columns they do not know. */
export const HJULET_COLUMNS = {
  risk: 'hjulet::risk',
  riskCategory: 'hjulet::risk_category',
  severity: 'hjulet::risk_severity',
  reportable: 'hjulet::reportable_to_fire_service',
  qualityDimension: 'hjulet::quality_dimension',
  titleEn: 'hjulet::form_title::English (en)',
} as const;

/** Choice lists that carry the template's own vocabularies. */
export const HJULET_LISTS = { riskCategories: 'hjulet_risk_categories', qualityDimensions: 'hjulet_quality_dimensions' } as const;

/** The labels of the fixed answers, written to the choices sheet so that ODK shows them. */
export const FIXED_CHOICE_LABELS: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
  not_applicable: { sv: 'Inte aktuellt', en: 'Not applicable' },
  dont_know: { sv: 'Vet inte', en: "Don't know" },
};

/** `label::Svenska (sv)`, `hint::English (en)`: a column of one language. */
export const localized = (column: 'label' | 'hint', locale: Locale): string => `${column}::${LANGUAGE_NAMES[locale]}`;

/** Where a problem is: `survey!12/relevant`, or a sheet alone. */
export const at = (sheet: string, row?: number, column?: string): string =>
  row === undefined ? sheet : column ? `${sheet}!${row}/${column}` : `${sheet}!${row}`;
