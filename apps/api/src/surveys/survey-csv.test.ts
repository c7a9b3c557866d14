import { describe, expect, it } from 'vitest';
import { readSurveyCsv, separatorOf } from './survey-csv.js';

const records = (text: string) => {
  const read = readSurveyCsv(text);
  if (!read.ok) throw new Error(read.problem.message);
  return read.records;
};

describe('readSurveyCsv', () => {
  it('reads a semicolon file with decimal commas and a UTF-8 BOM, as Swedish Excel saves it', () => {
    expect(records('\uFEFFEnhet;Fråga;Andel positiva;Antal svar\r\nHemtjänst Norr;Trygghet;87,5;24\r\n')).toEqual([
      ['Enhet', 'Fråga', 'Andel positiva', 'Antal svar'],
      ['Hemtjänst Norr', 'Trygghet', '87,5', '24'],
    ]);
  });

  it('reads a comma file whose decimal commas and separators are quoted', () => {
    expect(records('unit,question,result,respondents\n"Norr","Is staff kind, polite?","87,5",24\n')[1]).toEqual([
      'Norr',
      'Is staff kind, polite?',
      '87,5',
      '24',
    ]);
  });

  it('keeps quotes and line breaks inside a quoted field', () => {
    expect(records('Enhet;Fråga;Andel positiva;Antal svar\nNorr;"Är du ""nöjd""\nmed hjälpen?";90;20\n')[1]?.[1]).toBe('Är du "nöjd"\nmed hjälpen?');
  });

  it('keeps a blank line as a record, so rows keep their spreadsheet numbers', () => {
    expect(records('Enhet;Fråga;Andel positiva;Antal svar\n\nNorr;Trygghet;90;20\n')).toHaveLength(3);
  });

  it('answers an unclosed quote as a problem of the file, with its line', () => {
    const read = readSurveyCsv('Enhet;Fråga;Andel positiva;Antal svar\nNorr;"Trygghet;90;20\n');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem).toMatchObject({ field: 'csv', code: 'INVALID' });
  });
});

describe('separatorOf', () => {
  it('decides from the header row, outside quotes', () => {
    expect(separatorOf('a;b;c\n1,5;2,5;3')).toBe(';');
    expect(separatorOf('a,b,c\n"1,5",2,3')).toBe(',');
    expect(separatorOf('"a;x",b,c\n')).toBe(',');
    expect(separatorOf('a\tb\tc\n')).toBe('\t');
    expect(separatorOf('single')).toBe(';');
  });
});
