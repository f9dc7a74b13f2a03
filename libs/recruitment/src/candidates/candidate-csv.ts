import { copyValue, readCsvHeader, unescapeFormula, type ImportRowError } from '@capability/workforce';
import { MAX_GRADUATION_YEAR, MIN_GRADUATION_YEAR, RIGHT_TO_WORK, type RightToWork } from './candidate.entity.js';

/** The candidate import file: one row per candidate. Where they came from is the import's, not the row's. */
export const CANDIDATE_CSV_COLUMNS = [
  'full_name',
  'email',
  'phone',
  'university',
  'course',
  'graduation_year',
  'right_to_work',
  'retention_consent',
] as const;
export type CandidateCsvColumn = (typeof CANDIDATE_CSV_COLUMNS)[number];

/** What a column holds, for the OpenAPI description. */
export const CANDIDATE_CSV_COLUMN_DOCS: Record<CandidateCsvColumn, string> = {
  full_name: 'required; at most 200 characters',
  email: 'required; one @ and a dot in the domain, at most 254 characters; each email once in the file (any case)',
  phone: 'optional; digits, spaces and + ( ) -, at most 40 characters',
  university: 'optional; the education institution, at most 200 characters',
  course: 'optional; at most 200 characters',
  graduation_year: `optional; a year from ${MIN_GRADUATION_YEAR} to ${MAX_GRADUATION_YEAR}`,
  right_to_work: `optional; one of ${RIGHT_TO_WORK.join(', ')} (empty: not-yet-known)`,
  retention_consent:
    'optional; true or false (empty: false): consent to keep the data after an unsuccessful application',
};

/** A row that passed every check needing only the row itself. */
export interface CandidateCsvRow {
  row: number;
  fullName: string;
  email: string;
  phone: string | null;
  university: string | null;
  course: string | null;
  graduationYear: number | null;
  rightToWork: RightToWork;
  retentionConsent: boolean;
}

type Report = (error: ImportRowError) => void;

// Deliberately simple (as the staff import's): one @, no spaces, a dot in the domain.
export const CANDIDATE_EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
export const CANDIDATE_PHONE = /^[0-9+() -]{3,40}$/;
const CONTROL = /\p{Cc}/u;
const YEAR = /^\d{4}$/;
const BOOLEAN = /^(?:true|false)$/i;

export function readCandidateHeader(cells: string[]): {
  index: Record<CandidateCsvColumn, number>;
  errors: ImportRowError[];
} {
  return readCsvHeader(cells, CANDIDATE_CSV_COLUMNS);
}

/** Checks one data row on its own (the email once per file is the import's to check). */
export class CandidateRowValidator {
  constructor(
    private readonly index: Record<CandidateCsvColumn, number>,
    private readonly columnCount: number,
  ) {}

  validate(cells: string[], row: number, report: Report): CandidateCsvRow | null {
    if (cells.length !== this.columnCount) {
      report({ row, column: null, message: `Expected ${this.columnCount} cells, found ${cells.length}` });
      return null;
    }
    let ok = true;
    const fail = (column: CandidateCsvColumn, message: string): null => {
      ok = false;
      report({ row, column, message });
      return null;
    };
    const cell = (column: CandidateCsvColumn): string => unescapeFormula((cells[this.index[column]] ?? '').trim());
    const text = (column: CandidateCsvColumn, max: number, required: boolean): string | null => {
      const value = cell(column);
      if (!value) return required ? fail(column, `${column} is required`) : null;
      if (CONTROL.test(value)) return fail(column, `${column} has a control character`);
      return value.length > max ? fail(column, `${column} is at most ${max} characters`) : value;
    };

    const fullName = text('full_name', 200, true);
    let email = text('email', 254, true);
    if (email !== null && !CANDIDATE_EMAIL.test(email)) {
      email = fail('email', 'email must be an address such as name@example.org');
    }
    let phone = text('phone', 40, false);
    if (phone !== null && !CANDIDATE_PHONE.test(phone)) {
      phone = fail('phone', 'phone may hold digits, spaces and + ( ) - only');
    }
    const university = text('university', 200, false);
    const course = text('course', 200, false);
    const yearCell = cell('graduation_year');
    let graduationYear: number | null = null;
    if (yearCell) {
      const year = Number(yearCell);
      if (YEAR.test(yearCell) && year >= MIN_GRADUATION_YEAR && year <= MAX_GRADUATION_YEAR) graduationYear = year;
      else {
        fail('graduation_year', `graduation_year must be a year from ${MIN_GRADUATION_YEAR} to ${MAX_GRADUATION_YEAR}`);
      }
    }
    const rtwCell = cell('right_to_work');
    let rightToWork: RightToWork = 'not-yet-known';
    if (rtwCell) {
      if ((RIGHT_TO_WORK as readonly string[]).includes(rtwCell)) rightToWork = rtwCell as RightToWork;
      else fail('right_to_work', `right_to_work must be one of ${RIGHT_TO_WORK.join(', ')}`);
    }
    const consentCell = cell('retention_consent');
    let retentionConsent = false;
    if (consentCell) {
      if (BOOLEAN.test(consentCell)) retentionConsent = consentCell.toLowerCase() === 'true';
      else fail('retention_consent', 'retention_consent must be true or false');
    }
    if (!ok || fullName === null || email === null) return null;
    return { row, fullName, email, phone, university, course, graduationYear, rightToWork, retentionConsent };
  }
}

/** One staging-table line for a checked row, in `candidate_import_rows`' column order. */
export function candidateStagingLine(r: CandidateCsvRow): string {
  return (
    [
      String(r.row),
      copyValue(r.fullName),
      copyValue(r.email),
      copyValue(r.phone),
      copyValue(r.university),
      copyValue(r.course),
      r.graduationYear === null ? '\\N' : String(r.graduationYear),
      r.rightToWork,
      r.retentionConsent ? 't' : 'f',
    ].join('\t') + '\n'
  );
}
