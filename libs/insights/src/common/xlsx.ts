import ExcelJS from 'exceljs';

/** What a cell may hold: numbers stay numbers, null (a suppressed or absent figure) an empty cell. */
export type XlsxValue = string | number | boolean | null | undefined;

export interface XlsxColumn<K extends string = string> {
  key: K;
  header: string;
  /** Characters; default from the header. */
  width?: number;
}

/** One table: one sheet (name ≤ 31 characters, none of : \ / ? * [ ]). */
export interface XlsxTable<K extends string = string> {
  name: string;
  columns: readonly XlsxColumn<K>[];
  /** Objects whose `columns` keys hold the cells (strings, numbers, booleans; anything else is written empty). */
  rows: readonly object[];
}

/** The first sheet, "About": what the figures are (report, cycle or period, source, k, filters, generated at). */
export interface XlsxAbout {
  report: string;
  /** [label, value] lines after the report's name, in order (e.g. cycle, source, k, filters). */
  lines: readonly [string, XlsxValue][];
  generatedAt?: Date;
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const header = (sheet: ExcelJS.Worksheet): void => {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
};

/** Strings, numbers and booleans as themselves (exceljs never runs a string as a formula); null, undefined or
 * anything else as an empty cell. */
const cellValue = (v: unknown): ExcelJS.CellValue =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : null;

/**
 * The one XLSX writer of the insights reports: an "About" sheet, then a sheet per table, each with its header row
 * bold and frozen, numbers written as numbers and booleans as booleans. The figures come in already suppressed: a
 * suppressed figure is null and written as an empty cell; each table keeps the report's `suppressed` column so the
 * reader can tell a hidden figure from a missing one.
 */
export async function xlsxWorkbook(about: XlsxAbout, tables: readonly XlsxTable[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const generatedAt = about.generatedAt ?? new Date();
  book.creator = 'DDaT Capability Manager';
  book.created = generatedAt;
  const aboutSheet = book.addWorksheet('About');
  aboutSheet.columns = [
    { header: 'Item', key: 'item', width: 24 },
    { header: 'Value', key: 'value', width: 60 },
  ];
  aboutSheet.addRow({ item: 'Report', value: about.report });
  for (const [item, value] of about.lines) aboutSheet.addRow({ item, value: cellValue(value) });
  aboutSheet.addRow({ item: 'Generated at', value: generatedAt.toISOString() });
  header(aboutSheet);
  for (const table of tables) {
    const sheet = book.addWorksheet(table.name);
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? Math.max(10, Math.min(40, c.header.length + 2)),
    }));
    for (const row of table.rows) {
      sheet.addRow(
        Object.fromEntries(table.columns.map((c) => [c.key, cellValue((row as Record<string, unknown>)[c.key])])),
      );
    }
    header(sheet);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** `attachment; filename="<name>.xlsx"` (the name made of safe characters only). */
export const xlsxDisposition = (name: string): string =>
  `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '-')}.xlsx"`;
