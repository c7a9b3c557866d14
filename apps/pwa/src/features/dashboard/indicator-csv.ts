import type { Locale } from '@hjulet/domain';
import type { IndicatorRowView } from './indicator-format.js';
import { download } from '../../app/download.js';

export interface CsvLabels {
  headers: [period: string, indicator: string, category: string, unit: string, area: string, numerator: string, denominator: string, value: string];
  indicator(kind: string): string;
}

const BOM = '\uFEFF';

function cell(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The indicator table as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads å, ä, ö right), `;`
 * between fields and the locale's decimal sign (Swedish Excel's defaults), CRLF line ends. Values are the
 * API's, unrounded to four decimals: shares as 0–1, the median in days.
 */
export function indicatorCsv(rows: readonly IndicatorRowView[], labels: CsvLabels, locale: Locale): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 4, useGrouping: false });
  const lines = [labels.headers.map(cell).join(';')];
  for (const row of rows) {
    lines.push(
      [
        row.period,
        labels.indicator(row.indicator),
        row.category ?? '',
        row.unitName ?? '',
        row.areaName ?? '',
        row.numerator === null ? '' : String(row.numerator),
        String(row.denominator),
        row.value === null ? '' : number.format(row.value),
      ]
        .map(cell)
        .join(';'),
    );
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Starts a download of `csv` as `fileName`. */
export function downloadCsv(csv: string, fileName: string): void {
  download(fileName, csv, 'text/csv;charset=utf-8');
}
