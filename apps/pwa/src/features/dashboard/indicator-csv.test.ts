import { describe, expect, it } from 'vitest';
import { indicatorCsv, type CsvLabels } from './indicator-csv.js';

const LABELS: CsvLabels = {
  headers: ['Period', 'Indikator', 'Kategori', 'Enhet', 'Område', 'Täljare', 'Nämnare', 'Värde'],
  indicator: (kind) => ({ COVERAGE: 'Täckning', MEDIAN_DAYS_TO_CLOSE: 'Mediantid till åtgärd (dagar)' })[kind] ?? kind,
};

describe('the indicator table as CSV', () => {
  it('starts with the UTF-8 byte-order mark, and å, ä, ö survive the bytes', () => {
    const csv = indicatorCsv(
      [
        {
          indicator: 'COVERAGE',
          category: null,
          period: '2026',
          unitName: 'Hemtjänst Söder',
          areaName: 'Östra Ågatan',
          numerator: 3,
          denominator: 4,
          value: 0.75,
        },
      ],
      LABELS,
      'sv',
    );
    // The bytes a Blob of the text holds: strings are written as UTF-8.
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    expect(text.split('\r\n')[0]).toBe('Period;Indikator;Kategori;Enhet;Område;Täljare;Nämnare;Värde');
    expect(text.split('\r\n')[1]).toBe('2026;Täckning;;Hemtjänst Söder;Östra Ågatan;3;4;0,75');
  });

  it('quotes a field with the separator or a quote, and leaves an empty value for nothing to divide', () => {
    const csv = indicatorCsv(
      [{ indicator: 'MEDIAN_DAYS_TO_CLOSE', category: null, period: '2026-Q1', unitName: 'Enhet "Norr"; väst', numerator: null, denominator: 0, value: null }],
      LABELS,
      'en',
    );
    expect(csv.split('\r\n')[1]).toBe('2026-Q1;Mediantid till åtgärd (dagar);;"Enhet ""Norr""; väst";;;0;');
  });
});
