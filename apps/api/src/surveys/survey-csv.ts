import { CsvError, parse } from 'csv-parse/sync';
import type { UserSurveyProblem } from '@hjulet/domain';

/*
 * A survey file's text into cells, by csv-parse: quoted fields (with separators, quotes and line breaks
 * inside), CRLF or LF, and a UTF-8 BOM as Excel writes it. The rows' meaning is checked in packages/domain.
 */

/**
 * The separator, from the header row: a Swedish spreadsheet saves `;` (its decimal comma would otherwise
 * split numbers), others `,`, and a tab now and then. The header holds no numbers, so counting the
 * candidates there outside quotes decides it; a tie goes to `;`.
 */
export function separatorOf(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as Array<keyof typeof counts>).sort((a, b) => counts[b] - counts[a])[0] as keyof typeof counts;
  return counts[best] === 0 || counts[';'] === counts[best] ? ';' : best;
}

/** The file's records, header first, a blank line kept as a record so rows are numbered as a spreadsheet shows them. */
export function readSurveyCsv(text: string): { ok: true; records: string[][] } | { ok: false; problem: UserSurveyProblem } {
  const body = text.replace(/^\uFEFF/, '');
  try {
    const records: string[][] = parse(body, { delimiter: separatorOf(body), relax_column_count: true, skip_empty_lines: false, trim: true });
    return { ok: true, records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = typeof error.lines === 'number' ? error.lines : null;
    return {
      ok: false,
      problem: { field: 'csv', code: 'INVALID', row, message: `The file is not readable as CSV${row ? ` (line ${row})` : ''}: ${error.message}` },
    };
  }
}
