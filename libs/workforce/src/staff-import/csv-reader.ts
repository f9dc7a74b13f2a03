import { CsvError, parse, type Options } from 'csv-parse';
import { pipeline, type Readable, type TransformOptions } from 'node:stream';
import { ImportInvalid, ImportTooManyRows, MAX_REPORTED_ERRORS, type ImportRowError } from './staff-import.errors.js';

/** Collects row errors: all are counted, the first MAX_REPORTED_ERRORS kept. */
export class ImportErrorList {
  readonly items: ImportRowError[] = [];
  count = 0;

  /** `columns`: the file's columns in order, for sorting errors of one row as the file shows them. */
  constructor(private readonly columns: readonly string[]) {}

  readonly report = (error: ImportRowError): void => {
    this.count++;
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push(error);
  };

  throwIfAny(): void {
    if (this.count === 0) return;
    const columnOrder = (e: ImportRowError): number => (e.column === null ? -1 : this.columns.indexOf(e.column));
    this.items.sort((a, b) => a.row - b.row || columnOrder(a) - columnOrder(b));
    throw new ImportInvalid(this.items, this.count);
  }
}

/** What the caller does with the file's records: the header first, then each data row. */
export interface CsvRecordHandler {
  /** The first record; report its problems to the error list (the read stops if there are any). */
  header(cells: string[]): void;
  /** A data row, `record` numbered as a spreadsheet shows it (header = 1). */
  row(cells: string[], record: number): void | Promise<void>;
}

/**
 * Streams a CSV import through csv-parse (BOM, RFC 4180 quoting, ragged rows left for the caller to report),
 * skipping blank lines (they keep their row number), refusing more than `maxRows` data rows (413) and turning a
 * CSV syntax error into a row error. Returns the data row count.
 */
export async function readCsvRecords(
  csv: Readable,
  errors: ImportErrorList,
  maxRows: number,
  handler: CsvRecordHandler,
): Promise<number> {
  // The parser is a Transform stream and takes its stream options too: it reads at most 16 KiB ahead of the rows
  // being checked (Node 22+ would buffer 64 KiB), so a bad header is answered as such (422) before the upload
  // behind it passes IMPORT_MAX_BYTES (413), on every supported Node.
  const options: Options & Pick<TransformOptions, 'writableHighWaterMark'> = {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    writableHighWaterMark: 16 * 1024,
  };
  const parser = parse(options);
  // A failed upload (too large, client gone) ends the parse with its error; stopping the parse stops the upload.
  pipeline(csv, parser, () => undefined);
  let headerRead = false;
  let record = 0;
  let rows = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      record++;
      if (!headerRead) {
        handler.header(cells);
        errors.throwIfAny();
        headerRead = true;
        continue;
      }
      if (cells.length === 1 && cells[0] === '') continue; // a blank line keeps its row number
      if (++rows > maxRows) throw new ImportTooManyRows(maxRows);
      await handler.row(cells, record);
    }
  } catch (err) {
    if (err instanceof CsvError) {
      // csv-parse may fail before the records it read are handed over; its own count is the truth.
      const records = (err as CsvError & { records?: unknown }).records;
      const row = (typeof records === 'number' ? records : record) + 1;
      errors.report({ row, column: null, message: `The file is not valid CSV: ${err.message}` });
      errors.throwIfAny();
    }
    throw err;
  }
  if (!headerRead) {
    errors.report({ row: 1, column: null, message: 'The file is empty; the first row must be the header' });
    errors.throwIfAny();
  }
  return rows;
}
