import { DomainError } from '@capability/platform';

/** One problem with one cell (or a whole row when `column` is null) of an import file. */
export interface ImportRowError {
  /** As a spreadsheet numbers it: the header is row 1, the first data row is row 2. */
  row: number;
  /** The header name of the column, or null when the problem is the row as a whole. */
  column: string | null;
  message: string;
}

/** Most errors one response lists; the count of all of them is given too. */
export const MAX_REPORTED_ERRORS = 1000;

/** The file breaks at least one rule; nothing was written. */
export class ImportInvalid extends DomainError {
  readonly code = 'import-invalid';
  readonly status = 422;
  readonly title = 'Import file is not valid';
  constructor(errors: ImportRowError[], errorCount: number) {
    super(
      `The file has ${errorCount} error${errorCount === 1 ? '' : 's'}; nothing was imported. ` +
        'Rows are numbered as in a spreadsheet: the header is row 1.',
      { errors: errors.slice(0, MAX_REPORTED_ERRORS), errorCount, errorsTruncated: errorCount > errors.length },
    );
  }
}

export class ImportTooManyRows extends DomainError {
  readonly code = 'import-too-many-rows';
  readonly status = 413;
  readonly title = 'Import file has too many rows';
  constructor(maxRows: number) {
    super(`An import may hold at most ${maxRows} data rows; split the file`);
  }
}

export class CsvBodyRequired extends DomainError {
  readonly code = 'unsupported-media-type';
  readonly status = 415;
  readonly title = 'Unsupported media type';
  constructor() {
    super('Send the file as the request body with Content-Type: text/csv');
  }
}
