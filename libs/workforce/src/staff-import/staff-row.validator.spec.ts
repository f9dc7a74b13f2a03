import { describe, expect, it } from 'vitest';
import { escapeFormula, STAFF_CSV_COLUMNS, unescapeFormula } from './staff-csv.js';
import type { ImportRowError } from './staff-import.errors.js';
import { readHeader, StaffRowValidator, type ImportLookups } from './staff-row.validator.js';

const lookups: ImportLookups = {
  units: new Map([['TEAM', 'unit-id']]),
  locations: new Map([['LON', 'location-id']]),
  grades: new Map([['HEO', 'grade-id']]),
  roleLevels: new Map([['data-engineer', 'level-id']]),
};

function validate(overrides: Record<string, string>) {
  const cells: Record<string, string> = {
    staff_number: 'S1',
    full_name: 'Jo Bloggs',
    work_email: 'jo@department.example',
    unit_code: 'TEAM',
    location_code: 'LON',
    grade_code: 'HEO',
    employment_type: 'permanent',
    line_manager_staff_number: '',
    role_level_slug: 'data-engineer',
    start_date: '2020-02-29',
    leaving_date: '',
    ...overrides,
  };
  const { index } = readHeader([...STAFF_CSV_COLUMNS]);
  const errors: ImportRowError[] = [];
  const checked = new StaffRowValidator(lookups, index, STAFF_CSV_COLUMNS.length).validate(
    STAFF_CSV_COLUMNS.map((c) => cells[c] ?? ''),
    2,
    (e) => errors.push(e),
  );
  return { ...checked, errors };
}

describe('staff row validation', () => {
  it('resolves codes to ids and normalises what a spreadsheet may have changed', () => {
    const { valid, errors } = validate({
      work_email: ' Jo.Bloggs@Department.Example ',
      employment_type: 'Fixed term',
      full_name: "'=cmd",
    });
    expect(errors).toEqual([]);
    expect(valid).toMatchObject({
      workEmail: 'jo.bloggs@department.example',
      employmentType: 'fixed_term',
      fullName: '=cmd',
      unitId: 'unit-id',
      roleLevelId: 'level-id',
      startDate: '2020-02-29',
      managerNumber: null,
    });
  });

  it.each([
    [{ start_date: '2021-02-29' }, 'start_date'],
    [{ start_date: '01/02/2021' }, 'start_date'],
    [{ leaving_date: '2019-12-31' }, 'leaving_date'],
    [{ work_email: 'jo@localhost' }, 'work_email'],
    [{ full_name: 'Jo\tBloggs' }, 'full_name'],
    [{ full_name: 'x'.repeat(201) }, 'full_name'],
    [{ staff_number: 'S 1' }, 'staff_number'],
    [{ staff_number: 'S'.repeat(31) }, 'staff_number'],
    [{ grade_code: 'heo' }, 'grade_code'],
    [{ employment_type: '' }, 'employment_type'],
    [{ line_manager_staff_number: 'has space' }, 'line_manager_staff_number'],
  ])('rejects %j in %s', (overrides, column) => {
    const { valid, errors } = validate(overrides);
    expect(valid).toBeNull();
    expect(errors.map((e) => e.column)).toEqual([column]);
  });

  it('still gives the staff number and manager of a row with other errors, for the cross-row checks', () => {
    expect(validate({ unit_code: 'NOPE', line_manager_staff_number: 'S0' })).toMatchObject({
      valid: null,
      staffNumber: 'S1',
      managerNumber: 'S0',
    });
  });

  it('reads headers in any order and case, naming unknown, repeated and missing columns', () => {
    const reversed = readHeader([...STAFF_CSV_COLUMNS].reverse().map((c) => ` ${c.toUpperCase()} `));
    expect(reversed.errors).toEqual([]);
    expect(reversed.index.staff_number).toBe(STAFF_CSV_COLUMNS.length - 1);
    const bad = readHeader(['staff_number', 'staff_number', 'colour']);
    expect(bad.errors.map((e) => e.column)).toEqual(expect.arrayContaining(['staff_number', 'colour', 'full_name']));
  });

  it('escapes and unescapes spreadsheet formulas symmetrically', () => {
    for (const value of ['=1+1', '+44', '-x', '@SUM(A1)', '\tx', 'plain', "'quoted"]) {
      expect(unescapeFormula(escapeFormula(value))).toBe(value);
    }
    expect(escapeFormula('=1+1')).toBe("'=1+1");
  });
});
