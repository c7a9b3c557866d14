import ExcelJS from 'exceljs';
import type { InterchangeIssue } from './xlsform-import.js';
import type { ReadSheet, SheetRow, WrittenSheet } from './xlsform-sheets.js';

/** The largest XLSForm accepted, in bytes; real forms are tens of kilobytes. Fits the 2 MB request limit once in base64. */
export const MAX_XLSFORM_BYTES = 1024 * 1024;
/** Rows per sheet: a checklist of thousands of rows is not a checklist, and each row costs memory. */
export const MAX_SHEET_ROWS = 5000;

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

type ReadOutcome = { ok: true; sheets: Map<string, ReadSheet> } | { ok: false; issues: InterchangeIssue[] };

const refused = (code: string, message: string): ReadOutcome => ({ ok: false, issues: [{ code, field: 'file', message }] });

/**
 * Reads an .xlsx file into sheets of strings, keyed by lower-case sheet name. Anything that is not an
 * xlsx workbook of a sensible size is refused with a coded issue, never an exception.
 */
export async function readWorkbook(bytes: Buffer): Promise<ReadOutcome> {
  if (bytes.length === 0) return refused('EMPTY_FILE', 'The file is empty.');
  if (bytes.length > MAX_XLSFORM_BYTES) return refused('FILE_TOO_LARGE', `The file is larger than ${MAX_XLSFORM_BYTES} bytes.`);
  // An .xlsx is a zip archive; anything else (an old .xls, a CSV, a PDF) is refused before it is unpacked.
  if (!ZIP_SIGNATURE.every((byte, index) => bytes[index] === byte))
    return refused('NOT_XLSX', 'The file is not an .xlsx workbook (save it as Excel Workbook .xlsx).');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return refused('NOT_XLSX', 'The file could not be read as an .xlsx workbook.');
  }
  const sheets = new Map<string, ReadSheet>();
  for (const worksheet of workbook.worksheets) {
    if (worksheet.rowCount > MAX_SHEET_ROWS) return refused('FILE_TOO_LARGE', `The sheet "${worksheet.name}" has more than ${MAX_SHEET_ROWS} rows.`);
    const headers: string[] = [];
    worksheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
      headers[column - 1] = cell.text.trim().toLowerCase();
    });
    const rows: SheetRow[] = [];
    worksheet.eachRow((row, number) => {
      if (number === 1) return;
      const cells = new Map<string, string>();
      row.eachCell((cell, column) => {
        const header = headers[column - 1];
        if (header) cells.set(header, cell.text);
      });
      rows.push({ row: number, cells });
    });
    sheets.set(worksheet.name.trim().toLowerCase(), { name: worksheet.name, headers: headers.filter((header) => header !== undefined && header !== ''), rows });
  }
  return { ok: true, sheets };
}

/** Writes sheets to an .xlsx file, every cell as text (so "1" stays a name, not a number). */
export async function writeWorkbook(sheets: readonly WrittenSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.addRow(sheet.headers).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
