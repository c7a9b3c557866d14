import { describe, expect, it } from 'vitest';
import { parsePeriod, periodKeyOf } from './period.js';

describe('parsePeriod', () => {
  it.each([
    ['2026', '2026-01-01', '2027-01-01'],
    ['2026-H1', '2026-01-01', '2026-07-01'],
    ['2026-H2', '2026-07-01', '2027-01-01'],
    ['2026-Q1', '2026-01-01', '2026-04-01'],
    ['2026-Q3', '2026-07-01', '2026-10-01'],
    ['2026-Q4', '2026-10-01', '2027-01-01'],
    ['2026-02', '2026-02-01', '2026-03-01'],
    ['2026-11', '2026-11-01', '2026-12-01'],
    ['2026-12', '2026-12-01', '2027-01-01'],
    ['2000', '2000-01-01', '2001-01-01'],
    ['2100-12', '2100-12-01', '2101-01-01'],
  ])('reads %s as from %s up to but not including %s', (text, from, to) => {
    expect(parsePeriod(text)).toEqual({ key: text, from, to });
  });

  it.each([
    '',
    '26',
    '1999',
    '2101',
    '2026-13',
    '2026-00',
    '2026-1',
    '2026-H3',
    '2026-Q0',
    '2026-Q5',
    '2026-h1',
    '2026-q1',
    ' 2026',
    '2026 ',
    '2026-11-01',
    '2026/11',
    '２０２６',
  ])('rejects %j', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});

describe('periodKeyOf', () => {
  it.each([
    ['2026-03-01', 'month', '2026-03'],
    ['2026-04-01', 'quarter', '2026-Q2'],
    ['2026-10-01', 'quarter', '2026-Q4'],
    ['2026-01-01', 'year', '2026'],
    ['2026-02-01', 'quarter', null],
    ['2026-02-01', 'year', null],
    ['2026-02-02', 'month', null],
    ['2026-13-01', 'month', null],
  ] as const)('%s as a %s is %s', (start, grain, key) => {
    expect(periodKeyOf(start, grain)).toBe(key);
  });

  it('reads back what parsePeriod gives', () => {
    for (const key of ['2027-11', '2027-Q3', '2027']) {
      const grain = key.includes('Q') ? 'quarter' : key.length === 4 ? 'year' : 'month';
      expect(periodKeyOf(parsePeriod(key)?.from ?? '', grain)).toBe(key);
    }
  });
});
