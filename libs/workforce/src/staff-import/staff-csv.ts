import { currentPrimaryAssignmentSql } from '../current-role.sql.js';

/**
 * The HR-system staff file: one header row, then one row per member of staff. Import and export use
 * the same columns in the same order, so an export imports back as a no-op.
 */
export const STAFF_CSV_COLUMNS = [
  'staff_number',
  'full_name',
  'work_email',
  'unit_code',
  'location_code',
  'grade_code',
  'employment_type',
  'line_manager_staff_number',
  'role_level_slug',
  'start_date',
  'leaving_date',
] as const;
export type StaffCsvColumn = (typeof STAFF_CSV_COLUMNS)[number];

/** One row of the file as text; an empty string is an empty cell. */
export type StaffCsvRow = Record<StaffCsvColumn, string>;

/** What a column holds, for the OpenAPI description and the docs. */
export const STAFF_CSV_COLUMN_DOCS: Record<StaffCsvColumn, string> = {
  staff_number: "required; the HR system's staff number (up to 30 characters), unique in the file; the upsert key",
  full_name: 'required; up to 200 characters',
  work_email: 'optional; an email address (stored lower-case)',
  unit_code: 'required; the code of an existing organisation unit',
  location_code: 'optional; the code of an existing location',
  grade_code: 'optional; a Civil Service grade code (AA, AO, EO, HEO, SEO, G7, G6, SCS1, SCS1A, SCS2, SCS3, PS)',
  employment_type: 'required; permanent, fixed_term, apprentice, secondee, interim or contractor',
  line_manager_staff_number:
    'optional; the staff number of the line manager, in this file or already in the service; no cycles',
  role_level_slug:
    'optional; a role level of the current framework version, e.g. senior-data-engineer; empty = no DDaT role',
  start_date: 'optional; ISO date YYYY-MM-DD',
  leaving_date: 'optional; ISO date YYYY-MM-DD, not before start_date',
};

/** A cell a spreadsheet would run as a formula (ASVS 5: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'[=+\-@\t\r]/;

/** For exports: a leading apostrophe makes a spreadsheet show the cell as text. */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** For imports: undoes `escapeFormula`, so an exported file imports back unchanged. */
export function unescapeFormula(value: string): string {
  return ESCAPED_FORMULA.test(value) ? value.slice(1) : value;
}

/**
 * The same escaping in SQL, so exports stay a pure `COPY (SELECT …) TO STDOUT`. `expression` is
 * trusted SQL built by the caller (a column), never user input.
 */
export function escapeFormulaSql(expression: string): string {
  return `CASE WHEN left(${expression}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${expression} ELSE ${expression} END`;
}

/**
 * Longest an import or export may keep its database session busy, upload or download included (the
 * COPY runs while the file streams). Bounded so a stalled client cannot hold a connection for ever.
 */
export const CSV_TRANSFER_TIMEOUT_MS = 10 * 60_000;

/** The person's current primary role level, for a row `alias` of `staff`: what exports show and imports compare. */
export function currentPrimaryRoleSql(alias: string): string {
  return `LEFT JOIN LATERAL ${currentPrimaryAssignmentSql(alias, 'current_date', 'ra.role_level_id')} cur ON true`;
}
