import type { ImportRowError } from '@capability/workforce';
import { describe, expect, it } from 'vitest';
import { RESULTS_CSV_COLUMNS } from './review-results-csv.js';
import { readResultsHeader, ResultRowValidator } from './review-results-row.validator.js';

function validate(cells: Record<string, string>, header: string[] = [...RESULTS_CSV_COLUMNS]) {
  const { index } = readResultsHeader(header);
  const errors: ImportRowError[] = [];
  const row = new ResultRowValidator(index, header.length).validate(
    header.map((c) => cells[c] ?? ''),
    7,
    (e) => errors.push(e),
  );
  return { row, errors };
}

describe('results row validation', () => {
  it('reads levels 0 to 4 and empty cells, undoing formula escapes; ignores the export-only columns', () => {
    expect(
      validate({ staff_number: "'=S1", skill_slug: 'data-modelling', self_level: '0', state: 'anything' }),
    ).toEqual({
      row: { row: 7, staffNumber: '=S1', skillSlug: 'data-modelling', selfLevel: 0, validatedLevel: null },
      errors: [],
    });
  });

  it.each([
    [{ self_level: '5' }, 'self_level'],
    [{ validated_level: '1.0' }, 'validated_level'],
    [{ validated_level: ' x' }, 'validated_level'],
    [{ staff_number: '' }, 'staff_number'],
    [{ skill_slug: 'two words' }, 'skill_slug'],
  ])('rejects %j in %s', (overrides, column) => {
    const { row, errors } = validate({ staff_number: 'S1', skill_slug: 'data-modelling', ...overrides });
    expect(row).toBeNull();
    expect(errors.map((e) => [e.row, e.column])).toEqual([[7, column]]);
  });

  it('needs the four import columns once each, and nothing unknown', () => {
    expect(readResultsHeader(['STAFF_NUMBER ', 'skill_slug', 'validated_level', 'self_level']).errors).toEqual([]);
    const bad = readResultsHeader(['staff_number', 'staff_number', 'notes']);
    expect(bad.errors.map((e) => e.column).sort()).toEqual(
      ['notes', 'self_level', 'skill_slug', 'staff_number', 'validated_level'].sort(),
    );
  });
});
