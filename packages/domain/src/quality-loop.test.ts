import { describe, expect, it } from 'vitest';
import { compareRisks, meetsTarget, parseComparisonCsv, parseKoladaJson } from './quality-loop.js';

describe('the effect of actions at the next review', () => {
  it('shows each earlier risk as gone or still there, and a risk only the next review found as new', () => {
    expect(compareRisks(['alarm_present', 'trip_hazards', 'candles'], ['trip_hazards', 'stove_forgotten'])).toEqual([
      { itemKey: 'trip_hazards', effect: 'still_there' },
      { itemKey: 'stove_forgotten', effect: 'new' },
      { itemKey: 'alarm_present', effect: 'gone' },
      { itemKey: 'candles', effect: 'gone' },
    ]);
  });

  it('has nothing to show when neither review found a risk, and only gone risks when the next found none', () => {
    expect(compareRisks([], [])).toEqual([]);
    expect(compareRisks(['b', 'a'], [])).toEqual([
      { itemKey: 'a', effect: 'gone' },
      { itemKey: 'b', effect: 'gone' },
    ]);
  });
});

describe('a value against its target', () => {
  it('is met at or above a share, at or below a number of days, and not judged without a value', () => {
    expect(meetsTarget(1, 1, 'at_least')).toBe(true);
    expect(meetsTarget(0.93, 1, 'at_least')).toBe(false);
    expect(meetsTarget(14, 14, 'at_most')).toBe(true);
    expect(meetsTarget(15, 14, 'at_most')).toBe(false);
    expect(meetsTarget(null, 1, 'at_least')).toBeNull();
  });
});

describe("Kolada's v2 data JSON", () => {
  const kolada = {
    count: 2,
    values: [
      { kpi: 'U21468', municipality: '0581', period: 2025, values: [{ count: 1, gender: 'T', status: '', value: 92.5 }] },
      {
        kpi: 'U21468',
        municipality: '1780',
        period: 2025,
        values: [
          { count: 1, gender: 'K', status: '', value: 90 },
          { count: 1, gender: 'T', status: '', value: 88 },
        ],
      },
    ],
  };

  it('gives the total (gender T) of each municipality, indicator and year', () => {
    expect(parseKoladaJson(kolada)).toEqual({
      ok: true,
      values: [
        { municipalityCode: '0581', indicator: 'U21468', period: '2025', value: 92.5 },
        { municipalityCode: '1780', indicator: 'U21468', period: '2025', value: 88 },
      ],
    });
  });

  it('names the row and field of every problem, and gives no values then', () => {
    const bad = {
      values: [
        { kpi: 'U21468', municipality: '581', period: 2025, values: [{ gender: 'T', value: 1 }] },
        { kpi: 'U21468', municipality: '0581', period: 2025, values: [{ gender: 'K', value: 1 }] },
        { kpi: 'U21468', municipality: '0582', period: 2025, values: [{ gender: 'T', value: null }] },
      ],
    };
    expect(parseKoladaJson(bad)).toEqual({
      ok: false,
      issues: [
        { row: 1, field: 'municipality', message: expect.any(String) },
        { row: 2, field: 'value', message: expect.any(String) },
        { row: 3, field: 'value', message: expect.any(String) },
      ],
    });
    expect(parseKoladaJson({ nothing: true })).toMatchObject({ ok: false, issues: [{ row: 0, field: 'values' }] });
  });
});

describe('a CSV of comparison values', () => {
  it('reads comma- and semicolon-separated files with a BOM and decimal commas', () => {
    expect(parseComparisonCsv('\uFEFFmunicipality,indicator,period,value\n0581,coverage,2025,0.93\r\n1780,coverage,2025,1\n')).toEqual({
      ok: true,
      values: [
        { municipalityCode: '0581', indicator: 'coverage', period: '2025', value: 0.93 },
        { municipalityCode: '1780', indicator: 'coverage', period: '2025', value: 1 },
      ],
    });
    expect(parseComparisonCsv('municipality;indicator;period;value\n0581;U21468;2025;92,5')).toMatchObject({ ok: true, values: [{ value: 92.5 }] });
  });

  it('names the line and field of every problem, duplicates included', () => {
    const result = parseComparisonCsv(
      'municipality,indicator,period,value\n0581,coverage,25,0.9\n0581,coverage,2025,lots\n0581,coverage,2025,1\n0581,coverage,2025,1',
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        { row: 2, field: 'period', message: expect.any(String) },
        { row: 3, field: 'value', message: expect.any(String) },
      ],
    });
    expect(parseComparisonCsv('kommun,kpi,år,värde\n0581,x,2025,1')).toMatchObject({ ok: false, issues: [{ row: 1, field: 'header' }] });
    expect(parseComparisonCsv('municipality,indicator,period,value\n0581,x,2025,1\n0581,x,2025,2')).toMatchObject({
      ok: false,
      issues: [{ row: 3, field: 'values' }],
    });
  });
});
