import { EMPLOYMENT_TYPES, type EmploymentType } from '../staff.entity.js';
import { STAFF_CSV_COLUMNS, unescapeFormula, type StaffCsvColumn } from './staff-csv.js';
import type { ImportRowError } from './staff-import.errors.js';

/** Code → id of everything a row may refer to, loaded once per import. */
export interface ImportLookups {
  units: Map<string, string>;
  locations: Map<string, string>;
  grades: Map<string, string>;
  /** Role-level slug → id, current framework version only. */
  roleLevels: Map<string, string>;
}

/** A row that passed every check that needs only the row itself and the lookups. */
export interface ValidStaffRow {
  row: number;
  staffNumber: string;
  fullName: string;
  workEmail: string | null;
  unitId: string;
  locationId: string | null;
  gradeId: string | null;
  employmentType: EmploymentType;
  managerNumber: string | null;
  roleLevelId: string | null;
  startDate: string | null;
  leavingDate: string | null;
}

export interface CheckedRow {
  valid: ValidStaffRow | null;
  staffNumber: string | null;
  managerNumber: string | null;
}

type Report = (error: ImportRowError) => void;

const STAFF_NUMBER = /^[^\s\p{Cc}]{1,30}$/u;
const CONTROL = /\p{Cc}/u;
// Deliberately simple: one @, no spaces, a dot in the domain. The mail system is the real test.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900;
}

/**
 * Where each column is in the file. The header must name every column exactly once (any order,
 * case and surrounding spaces ignored) and nothing else.
 */
export function readHeader(cells: string[]): { index: Record<StaffCsvColumn, number>; errors: ImportRowError[] } {
  return readCsvHeader(cells, STAFF_CSV_COLUMNS);
}

/**
 * Where each of `columns` is in a file's header row: each named exactly once (any order, case and surrounding
 * spaces ignored). `ignored` columns may be there too (and are not indexed); anything else is an error.
 */
export function readCsvHeader<C extends string>(
  cells: string[],
  columns: readonly C[],
  ignored: readonly string[] = [],
): { index: Record<C, number>; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const index = {} as Record<C, number>;
  const seen = new Set<string>();
  cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (seen.has(name)) {
      errors.push({ row: 1, column: name, message: `Column ${name} appears more than once` });
    } else if ((columns as readonly string[]).includes(name)) {
      index[name as C] = i;
    } else if (!ignored.includes(name)) {
      errors.push({
        row: 1,
        column: name || null,
        message: `Unknown column "${raw.trim().slice(0, 100)}"; expected ${[...columns, ...ignored].join(', ')}`,
      });
    }
    seen.add(name);
  });
  for (const column of columns) {
    if (index[column] === undefined) errors.push({ row: 1, column, message: `Column ${column} is missing` });
  }
  return { index, errors };
}

/** Checks one data row on its own; cross-row rules (duplicates, managers, cycles) live in ImportLedger. */
export class StaffRowValidator {
  constructor(
    private readonly lookups: ImportLookups,
    private readonly index: Record<StaffCsvColumn, number>,
    private readonly columnCount: number,
  ) {}

  /**
   * The checked row (null when it has errors), plus its staff number and manager when those two are
   * well-formed, for the cross-row checks.
   */
  validate(cells: string[], row: number, report: Report): CheckedRow {
    if (cells.length !== this.columnCount) {
      report({ row, column: null, message: `Expected ${this.columnCount} cells, found ${cells.length}` });
      return { valid: null, staffNumber: null, managerNumber: null };
    }
    let ok = true;
    const fail = (column: StaffCsvColumn, message: string): null => {
      ok = false;
      report({ row, column, message });
      return null;
    };
    const cell = (column: StaffCsvColumn): string => unescapeFormula((cells[this.index[column]] ?? '').trim());
    const text = (column: StaffCsvColumn, max: number, required: boolean): string | null => {
      const value = cell(column);
      if (!value) return required ? fail(column, `${column} is required`) : null;
      if (value.length > max) return fail(column, `${column} must be at most ${max} characters`);
      if (CONTROL.test(value)) return fail(column, `${column} must not contain control characters`);
      return value;
    };
    const code = (column: StaffCsvColumn, map: Map<string, string>, what: string, required: boolean): string | null => {
      const value = cell(column);
      if (!value) return required ? fail(column, `${column} is required`) : null;
      return map.get(value) ?? fail(column, `No ${what} with code "${value.slice(0, 100)}"`);
    };
    const date = (column: StaffCsvColumn): string | null => {
      const value = cell(column);
      if (!value) return null;
      return isIsoDate(value) ? value : fail(column, `${column} must be a date written YYYY-MM-DD`);
    };

    let staffNumber: string | null = cell('staff_number');
    if (!staffNumber) staffNumber = fail('staff_number', 'staff_number is required');
    else if (!STAFF_NUMBER.test(staffNumber)) {
      staffNumber = fail('staff_number', 'staff_number must be 1-30 characters without spaces');
    }
    const fullName = text('full_name', 200, true);
    let workEmail = text('work_email', 254, false);
    if (workEmail !== null) {
      workEmail = workEmail.toLowerCase();
      if (!EMAIL.test(workEmail)) workEmail = fail('work_email', 'work_email must be an email address');
    }
    const unitId = code('unit_code', this.lookups.units, 'organisation unit', true);
    const locationId = code('location_code', this.lookups.locations, 'location', false);
    const gradeId = code('grade_code', this.lookups.grades, 'grade', false);

    const rawType = cell('employment_type')
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    let employmentType: EmploymentType | null = null;
    if (!rawType) fail('employment_type', 'employment_type is required');
    else if ((EMPLOYMENT_TYPES as readonly string[]).includes(rawType)) employmentType = rawType as EmploymentType;
    else fail('employment_type', `employment_type must be one of ${EMPLOYMENT_TYPES.join(', ')}`);

    let managerNumber: string | null = cell('line_manager_staff_number') || null;
    if (managerNumber !== null && !STAFF_NUMBER.test(managerNumber)) {
      managerNumber = fail('line_manager_staff_number', 'line_manager_staff_number must be a staff number');
    }
    const slug = cell('role_level_slug');
    let roleLevelId: string | null = null;
    if (slug) {
      roleLevelId =
        this.lookups.roleLevels.get(slug) ??
        fail('role_level_slug', `No role level "${slug.slice(0, 100)}" in the current framework version`);
    }
    const startDate = date('start_date');
    const leavingDate = date('leaving_date');
    if (startDate && leavingDate && leavingDate < startDate) fail('leaving_date', 'leaving_date is before start_date');

    if (!ok || !staffNumber || !fullName || !unitId || !employmentType) {
      return { valid: null, staffNumber, managerNumber };
    }
    const valid: ValidStaffRow = {
      row,
      staffNumber,
      fullName,
      workEmail,
      unitId,
      locationId,
      gradeId,
      employmentType,
      managerNumber,
      roleLevelId,
      startDate,
      leavingDate,
    };
    return { valid, staffNumber, managerNumber };
  }
}
