import ExcelJS from 'exceljs';

/** A sheet as a person types it in Excel: a header row, then rows of cells (numbers stay numbers). */
export type FixtureSheet = [name: string, rows: Array<Array<string | number | boolean | null>>];

/** Builds an .xlsx with exceljs directly, independent of the code under test. */
export async function xlsxOf(sheets: FixtureSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) {
    const worksheet = workbook.addWorksheet(name);
    for (const row of rows) worksheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A form shaped like those made in KoboToolbox and ODK Build (the XLSForm spec's examples): metadata
 * rows, an intro note, nested groups with `relevant` on a group, `select_one` on a shared yes/no list and
 * on its own list, `integer` with a range constraint, `required` written as `true()` and `yes`, plain
 * `label` beside language columns, and columns Hjulet ignores (appearance, constraint_message, media).
 */
export const REAL_WORLD_FORM: FixtureSheet[] = [
  [
    'survey',
    [
      [
        'type',
        'name',
        'label::Svenska (sv)',
        'label::English (en)',
        'hint::Svenska (sv)',
        'hint::English (en)',
        'required',
        'relevant',
        'constraint',
        'constraint_message::English (en)',
        'appearance',
      ],
      ['start', 'start', null, null, null, null, null, null, null, null, null],
      ['end', 'end', null, null, null, null, null, null, null, null, null],
      ['deviceid', 'deviceid', null, null, null, null, null, null, null, null, null],
      [
        'note',
        'intro',
        'Gå igenom frågorna tillsammans med den boende.',
        'Go through the questions with the resident.',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      ['begin group', 'household', 'Hushållet', 'Household', null, null, null, null, null, null, 'field-list'],
      [
        'integer',
        'people',
        'Hur många bor i bostaden?',
        'How many people live here?',
        'Räkna med den boende.',
        'Count the resident too.',
        'true()',
        null,
        '. >= 1 and . <= 20',
        'Between 1 and 20',
        null,
      ],
      ['select_one housing', 'housing', 'Boendeform', 'Type of housing', null, null, 'yes', null, null, null, 'minimal'],
      ['end group', null, null, null, null, null, null, null, null, null, null],
      ['begin group', 'fire', 'Brand', 'Fire', null, null, null, null, null, null, null],
      ['select_one yes_no', 'smoke_alarm', 'Finns brandvarnare?', 'Is there a smoke alarm?', null, null, 'yes', null, null, null, null],
      ['begin group', 'alarm_details', 'Brandvarnaren', 'The alarm', null, null, null, "${smoke_alarm} = 'yes'", null, null, null],
      ['integer', 'alarm_count', 'Hur många brandvarnare?', 'How many alarms?', null, null, 'yes', null, '. >= 0', null, null],
      [
        'select_one yes_no',
        'alarm_tested',
        'Har den provats senaste månaden?',
        'Tested in the last month?',
        null,
        null,
        'yes',
        '${alarm_count} >= 1',
        null,
        null,
        null,
      ],
      ['end group', null, null, null, null, null, null, null, null, null, null],
      ['text', 'alarm_note', 'Kommentar om brandvarnare', 'Comment on the alarm', null, null, null, "selected(${smoke_alarm}, 'no')", null, null, 'multiline'],
      ['end group', null, null, null, null, null, null, null, null, null, null],
      ['calculate', 'score', null, null, null, null, null, null, null, null, null],
      ['note', 'thanks', 'Tack!', 'Thank you!', null, null, null, null, null, null, null],
    ],
  ],
  [
    'choices',
    [
      ['list_name', 'name', 'label::Svenska (sv)', 'label::English (en)', 'media::image'],
      ['yes_no', 'yes', 'Ja', 'Yes', null],
      ['yes_no', 'no', 'Nej', 'No', null],
      ['housing', 'rented_flat', 'Hyresrätt', 'Rented flat', null],
      ['housing', 'owned_flat', 'Bostadsrätt', 'Owned flat', null],
      ['housing', 'house', 'Villa', 'House', null],
    ],
  ],
  [
    'settings',
    [
      ['form_title', 'form_id', 'version', 'default_language', 'style'],
      ['Hembesök brandsäkerhet', 'hembesok_brand', 2024061201, 'Svenska (sv)', 'pages'],
    ],
  ],
];
