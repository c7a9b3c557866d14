import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseTemplateDefinition, type TemplateDefinition } from '@hjulet/domain';
import { REAL_WORLD_FORM, xlsxOf, type FixtureSheet } from '../../test/support/xlsform-fixtures.js';
import { templateToXlsForm } from './xlsform-export.js';
import { xlsFormToTemplate, type XlsFormImport } from './xlsform-import.js';
import { readWorkbook, writeWorkbook } from './xlsform-workbook.js';

const require = createRequire(import.meta.url);
const seed = (file: string): TemplateDefinition => {
  const parsed = parseTemplateDefinition(JSON.parse(readFileSync(require.resolve(`@hjulet/domain/templates/${file}`), 'utf8')));
  if (!parsed.ok) throw new Error('seed template does not parse');
  return parsed.value;
};

async function importBytes(bytes: Buffer): Promise<XlsFormImport> {
  const read = await readWorkbook(bytes);
  return read.ok ? xlsFormToTemplate(read.sheets) : read;
}

async function exportBytes(def: TemplateDefinition): Promise<Buffer> {
  return writeWorkbook(templateToXlsForm(def, 1));
}

function definitionOf(result: XlsFormImport): TemplateDefinition {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.issues, null, 1)}`);
  return result.definition;
}

describe('XLSForm round trip', () => {
  it.each(['sakerhet-hjalpbehov.v1.json', 'fallprevention.v1.json'])('gives the same template after import, export and import of %s', async (file) => {
    const first = definitionOf(await importBytes(await exportBytes(seed(file))));
    const second = definitionOf(await importBytes(await exportBytes(first)));
    expect(second).toEqual(first);
    // Nothing of the seed is lost on the way: the first import already holds every rule.
    expect(first.sections.map((s) => s.items.map((i) => [i.key, i.answerType, i.showWhen, i.risk, i.qualityDimension]))).toEqual(
      seed(file).sections.map((s) => s.items.map((i) => [i.key, i.answerType, i.showWhen, i.risk, i.qualityDimension])),
    );
    expect(first.riskCategories).toEqual(seed(file).riskCategories);
    expect(first.description).toEqual(seed(file).description);
  });

  it('keeps conditions of every shape: several answers, not-equals, ranges and all-of', async () => {
    const base = seed('fallprevention.v1.json');
    const [first, second] = base.sections[0]?.items ?? [];
    if (!first || !second) throw new Error('fixture');
    const number = { key: 'steps', text: { sv: 'Steg', en: 'Steps' }, answerType: 'number' as const, integer: true, min: 0, max: 10 };
    const choice = {
      key: 'pick',
      text: { sv: 'Välj', en: 'Pick' },
      answerType: 'single_choice' as const,
      options: [
        { value: "it's", label: { sv: 'A', en: 'A' } },
        { value: 'b', label: { sv: 'B', en: 'B' } },
      ],
    };
    const shown = (key: string, showWhen: NonNullable<TemplateDefinition['sections'][0]['items'][0]['showWhen']>) => ({
      key,
      text: { sv: key, en: key },
      answerType: 'yes_no' as const,
      showWhen,
    });
    const def: TemplateDefinition = {
      ...base,
      sections: [
        ...base.sections,
        {
          key: 'extra',
          title: { sv: 'Extra', en: 'Extra' },
          items: [
            number,
            choice,
            shown('a1', { itemKey: 'pick', equals: ["it's", 'b'] }),
            shown('a2', { itemKey: 'pick', notEquals: ['b'] }),
            shown('a3', { itemKey: 'steps', between: [2, 4] }),
            shown('a4', {
              allOf: [
                { itemKey: 'steps', atMost: 3 },
                { itemKey: 'pick', equals: ['b'] },
              ],
            }),
            { key: 'free', text: { sv: 'Fritt', en: 'Free' }, answerType: 'free_text', maxLength: 300, required: true },
          ],
        },
      ],
    };
    expect(parseTemplateDefinition(def).ok).toBe(true);
    const back = definitionOf(await importBytes(await exportBytes(def)));
    expect(back.sections.at(-1)).toEqual(def.sections.at(-1));
  });
});

describe('a real-world-shaped XLSForm', () => {
  it('imports groups, relevant, select_one and integer, skipping metadata and later notes with warnings', async () => {
    const result = await importBytes(await xlsxOf(REAL_WORLD_FORM));
    const def = definitionOf(result);
    expect(def.key).toBe('hembesok_brand');
    expect(def.title).toEqual({ sv: 'Hembesök brandsäkerhet', en: 'Hembesök brandsäkerhet' });
    expect(def.description).toEqual({ sv: 'Gå igenom frågorna tillsammans med den boende.', en: 'Go through the questions with the resident.' });
    expect(def.sections.map((s) => [s.key, s.items.map((i) => i.key)])).toEqual([
      ['household', ['people', 'housing']],
      ['fire', ['smoke_alarm']],
      ['alarm_details', ['alarm_count', 'alarm_tested']],
      ['fire_2', ['alarm_note']],
    ]);
    const items = def.sections.flatMap((s) => s.items);
    expect(items[0]).toEqual({
      key: 'people',
      text: { sv: 'Hur många bor i bostaden?', en: 'How many people live here?' },
      help: { sv: 'Räkna med den boende.', en: 'Count the resident too.' },
      answerType: 'number',
      integer: true,
      min: 1,
      max: 20,
    });
    expect(items[1]?.options?.map((o) => o.value)).toEqual(['rented_flat', 'owned_flat', 'house']);
    expect(items[2]?.answerType).toBe('yes_no');
    // The group's relevant is joined to each of its items' own.
    expect(items[3]?.showWhen).toEqual({ itemKey: 'smoke_alarm', equals: ['yes'] });
    expect(items[4]?.showWhen).toEqual({
      allOf: [
        { itemKey: 'smoke_alarm', equals: ['yes'] },
        { itemKey: 'alarm_count', atLeast: 1 },
      ],
    });
    expect(items[5]).toMatchObject({ answerType: 'free_text', showWhen: { itemKey: 'smoke_alarm', equals: ['no'] } });
    expect(result.ok && result.warnings.map((w) => [w.code, w.field])).toEqual([
      ['QUESTION_SKIPPED', 'survey!2/type'],
      ['QUESTION_SKIPPED', 'survey!3/type'],
      ['QUESTION_SKIPPED', 'survey!4/type'],
      ['QUESTION_SKIPPED', 'survey!18/type'],
      ['NOTE_SKIPPED', 'survey!19/type'],
    ]);
  });
});

const withSurveyRow = (row: Array<string | null>, at = 3): FixtureSheet[] =>
  REAL_WORLD_FORM.map(([name, rows]) => [name, name === 'survey' ? [...rows.slice(0, at), row, ...rows.slice(at)] : rows]);

const surveyWith = (change: (rows: FixtureSheet[1]) => FixtureSheet[1]): FixtureSheet[] =>
  REAL_WORLD_FORM.map(([name, rows]) => [name, name === 'survey' ? change(rows) : rows]);

describe('a bad XLSForm', () => {
  const issuesOf = async (bytes: Buffer) => {
    const result = await importBytes(bytes);
    if (result.ok) throw new Error('imported');
    return result.issues.map((i) => [i.code, i.field]);
  };

  it('is refused when it is not an xlsx file', async () => {
    expect(await issuesOf(Buffer.from('type,name\ninteger,x\n'))).toEqual([['NOT_XLSX', 'file']]);
    expect(await issuesOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual([['NOT_XLSX', 'file']]);
    expect(await issuesOf(Buffer.alloc(0))).toEqual([['EMPTY_FILE', 'file']]);
    expect(await issuesOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(1024 * 1024)]))).toEqual([['FILE_TOO_LARGE', 'file']]);
  });

  it('names a missing sheet', async () => {
    expect(await issuesOf(await xlsxOf(REAL_WORLD_FORM.filter(([name]) => name !== 'settings')))).toEqual([['MISSING_SHEET', 'settings']]);
    expect(await issuesOf(await xlsxOf(REAL_WORLD_FORM.filter(([name]) => name !== 'survey')))).toEqual([['MISSING_SHEET', 'survey']]);
  });

  it('names the row and column of each bad question', async () => {
    expect(await issuesOf(await xlsxOf(withSurveyRow(['geopoint', 'where', 'Var', 'Where'])))).toEqual([['UNSUPPORTED_TYPE', 'survey!4/type']]);
    expect(await issuesOf(await xlsxOf(withSurveyRow(['integr', 'n', 'Antal', 'Number'])))).toEqual([['UNKNOWN_TYPE', 'survey!4/type']]);
    expect(await issuesOf(await xlsxOf(withSurveyRow(['select_one nolist', 'n', 'Antal', 'Number'])))).toEqual([['UNKNOWN_LIST', 'survey!4/type']]);
    expect(await issuesOf(await xlsxOf(withSurveyRow(['integer', 'n'])))).toEqual([['MISSING_LABEL', 'survey!4/label']]);
    expect(await issuesOf(await xlsxOf(withSurveyRow(['integer', 'Bad-Name', 'Antal', 'Number'])))).toEqual([['INVALID_NAME', 'survey!4/name']]);
    expect(await issuesOf(await xlsxOf(withSurveyRow(['integer', 'people', 'Antal', 'Number'], 8)))).toEqual([['DUPLICATE_NAME', 'survey!9/name']]);
  });

  it('names a relevant expression it cannot keep exactly, and one naming a later or unknown item', async () => {
    const relevant = (expression: string) => withSurveyRow(['integer', 'n', 'Antal', 'Number', null, null, null, expression], 10);
    expect(await issuesOf(await xlsxOf(relevant("${smoke_alarm} = 'yes' or ${people} > 2")))).toEqual([['BAD_EXPRESSION', 'survey!11/relevant']]);
    expect(await issuesOf(await xlsxOf(relevant('count-selected(${smoke_alarm}) > 0')))).toEqual([['BAD_EXPRESSION', 'survey!11/relevant']]);
    expect(await issuesOf(await xlsxOf(relevant("${nothing} = 'yes'")))).toEqual([['UNKNOWN_ITEM', 'survey!11/relevant']]);
    expect(await issuesOf(await xlsxOf(relevant('${alarm_count} >= 2')))).toEqual([['NOT_EARLIER', 'survey!11/relevant']]);
    expect(await issuesOf(await xlsxOf(relevant("${people} = 'many'")))).toEqual([['INVALID_ANSWER', 'survey!11/relevant']]);
  });

  it('names unmatched groups and a choice listed twice', async () => {
    expect(await issuesOf(await xlsxOf(surveyWith((rows) => rows.filter((_, i) => i !== 8))))).toEqual([['UNMATCHED_GROUP', 'survey!6/type']]);
    const doubled = REAL_WORLD_FORM.map(([name, rows]): FixtureSheet => [name, name === 'choices' ? [...rows, ['yes_no', 'no', 'Nej', 'No', null]] : rows]);
    expect(await issuesOf(await xlsxOf(doubled))).toEqual([['DUPLICATE_NAME', 'choices!7/name']]);
  });

  it("names a bad risk rule in Hjulet's columns", async () => {
    const def = seed('sakerhet-hjalpbehov.v1.json');
    const sheets = templateToXlsForm(def);
    const survey = sheets[0];
    if (!survey) throw new Error('fixture');
    const column = (name: string) => survey.headers.indexOf(name);
    const row = survey.rows[2] as string[];
    row[column('hjulet::risk_category')] = 'okand';
    row[column('hjulet::risk_severity')] = 'extreme';
    const bytes = await xlsxOf(sheets.map((s) => [s.name, [s.headers, ...s.rows]] as FixtureSheet));
    expect(await issuesOf(bytes)).toEqual([
      ['INVALID_VALUE', 'survey!4/hjulet::risk_severity'],
      ['UNKNOWN_CATEGORY', 'survey!4/hjulet::risk_category'],
    ]);
  });
});
