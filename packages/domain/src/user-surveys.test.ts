import { describe, expect, it } from 'vitest';
import { checkUserSurveyHeading, checkUserSurveyRecords, placeSurveyRows, shownSurveyResult, surveyChange, type UserSurveyRow } from './user-surveys.js';

const HEADER = ['Enhet', 'Fråga', 'Andel positiva (%)', 'Antal svar'];
const rowsOf = (...body: string[][]) => checkUserSurveyRecords([HEADER, ...body]);

describe('checkUserSurveyRecords', () => {
  it('reads rows with a decimal comma, a point, a per cent sign and a thousands space', () => {
    const checked = rowsOf(['Hemtjänst Norr', 'Trygghet', '87,5', '24'], ['Hemtjänst Söder', 'Bemötande', '91.25 %', '1 234']);
    expect(checked).toEqual({
      ok: true,
      rows: [
        { row: 2, unit: 'Hemtjänst Norr', question: 'Trygghet', sharePositive: 87.5, respondents: 24 },
        { row: 3, unit: 'Hemtjänst Söder', question: 'Bemötande', sharePositive: 91.25, respondents: 1234 },
      ],
    });
  });

  it('finds the columns by name in any order, in English too', () => {
    const checked = checkUserSurveyRecords([
      ['respondents', 'question', 'unit', 'share_positive'],
      ['12', 'Safety', 'Norr', '80'],
    ]);
    expect(checked.ok && checked.rows[0]).toMatchObject({ unit: 'Norr', question: 'Safety', sharePositive: 80, respondents: 12 });
  });

  it('names every bad row by its row in the file and its column', () => {
    const checked = rowsOf(['Norr', 'Trygghet', '87,5', '24'], ['', 'Trygghet', 'mycket', '24'], ['Norr', 'Bemötande', '120', 'tjugo']);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => [p.field, p.code])).toEqual([
      ['rows[3].unit', 'REQUIRED'],
      ['rows[3].result', 'INVALID'],
      ['rows[4].respondents', 'INVALID'],
      ['rows[4].result', 'OUT_OF_RANGE'],
    ]);
    expect(checked.problems[0]?.message).toMatch(/^Row 3:/);
  });

  it('counts rows as a spreadsheet shows them, blank lines included and skipped', () => {
    const checked = rowsOf([''], ['Norr', 'Trygghet', 'x', '24']);
    expect(!checked.ok && checked.problems[0]?.field).toBe('rows[3].result');
  });

  it('refuses the same unit and question twice in a file, naming the earlier row', () => {
    const checked = rowsOf(['Norr', 'Trygghet', '80', '24'], ['Söder', 'Trygghet', '70', '20'], [' norr ', 'trygghet', '81', '24']);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problems).toEqual([
      { field: 'rows[4].question', code: 'DUPLICATE', row: 4, message: 'Row 4: the same unit and question as row 2' },
    ]);
  });

  it('takes a blank result only where fewer than the threshold answered', () => {
    expect(rowsOf(['Norr', 'Trygghet', '', '3']).ok).toBe(true);
    expect(rowsOf(['Norr', 'Trygghet', '–', '2']).ok).toBe(true);
    const checked = rowsOf(['Norr', 'Trygghet', '', '30']);
    expect(!checked.ok && checked.problems[0]).toMatchObject({ field: 'rows[2].result', code: 'REQUIRED' });
  });

  it('asks for the four columns when the header lacks one', () => {
    const checked = checkUserSurveyRecords([
      ['Enhet', 'Fråga', 'Antal svar'],
      ['Norr', 'Trygghet', '3'],
    ]);
    expect(!checked.ok && checked.problems[0]).toMatchObject({ field: 'header', code: 'REQUIRED', row: 1 });
    expect(!checked.ok && checked.problems[0]?.message).toContain('result');
  });

  it('refuses an empty file and a file with only a header', () => {
    expect(checkUserSurveyRecords([]).ok).toBe(false);
    const headerOnly = checkUserSurveyRecords([HEADER, ['', '']]);
    expect(!headerOnly.ok && headerOnly.problems[0]?.field).toBe('csv');
  });

  it('refuses a unit or question longer than the limit', () => {
    const checked = rowsOf(['N'.repeat(201), 'Q'.repeat(501), '50', '10']);
    expect(!checked.ok && checked.problems.map((p) => p.code)).toEqual(['TOO_LONG', 'TOO_LONG']);
  });
});

describe('checkUserSurveyHeading', () => {
  it('needs a name and a year from 2000 to 2100', () => {
    expect(checkUserSurveyHeading({ name: 'Vad tycker de äldre', year: 2025 })).toEqual([]);
    expect(checkUserSurveyHeading({ name: '  ', year: 1999 }).map((p) => p.field)).toEqual(['input.name', 'input.year']);
  });
});

describe('placeSurveyRows', () => {
  const row = (unit: string, n = 2): UserSurveyRow => ({ row: n, unit, question: 'Trygghet', sharePositive: 80, respondents: 20 });
  const units = [
    { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Hemtjänst Norr', reachable: true },
    { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Hemtjänst Söder', reachable: false },
  ];

  it('finds a unit by its name, whatever the case, or by its id', () => {
    const { placed, problems } = placeSurveyRows([row('hemtjänst  norr'), row('A1B2C3D4-0000-4000-8000-000000000001', 3)], units);
    expect(problems).toEqual([]);
    expect(placed.map((p) => p.unitName)).toEqual(['Hemtjänst Norr', 'Hemtjänst Norr']);
  });

  it('names a row whose unit is unknown or outside the scope', () => {
    const { placed, problems } = placeSurveyRows([row('Hemtjänst Väst', 2), row('Hemtjänst Söder', 3)], units);
    expect(placed).toEqual([]);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['rows[2].unit', 'UNKNOWN_UNIT'],
      ['rows[3].unit', 'OUT_OF_SCOPE'],
    ]);
  });
});

describe('shownSurveyResult', () => {
  it('hides the result and the count where fewer than five answered', () => {
    expect(shownSurveyResult({ sharePositive: 75, respondents: 4 })).toEqual({ sharePositive: null, respondents: null, suppressed: true });
    expect(shownSurveyResult({ sharePositive: 75, respondents: 5 })).toEqual({ sharePositive: 75, respondents: 5, suppressed: false });
  });
});

describe('surveyChange', () => {
  it('gives the change in percentage points only when both years are shown', () => {
    expect(surveyChange({ sharePositive: 86, suppressed: false }, { sharePositive: 79.4, suppressed: false })).toBe(6.6);
    expect(surveyChange({ sharePositive: 86, suppressed: false }, { sharePositive: null, suppressed: true })).toBeNull();
    expect(surveyChange({ sharePositive: null, suppressed: true }, { sharePositive: 80, suppressed: false })).toBeNull();
    expect(surveyChange({ sharePositive: 86, suppressed: false }, null)).toBeNull();
  });
});
