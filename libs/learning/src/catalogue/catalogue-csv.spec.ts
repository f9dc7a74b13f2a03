import type { ImportRowError } from '@capability/workforce';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_CSV_COLUMNS, CatalogueRowValidator, parseSkills, readCatalogueHeader } from './catalogue-csv.js';
import { eventProblem } from './learning-items.service.js';

const BASE = {
  code: 'CSL-DATA-101',
  title: 'Data foundations',
  provider_kind: 'civil_service_learning',
  provider: 'Civil Service Learning',
  format: 'course',
};

function validate(cells: Record<string, string>, header: string[] = [...CATALOGUE_CSV_COLUMNS]) {
  const { index } = readCatalogueHeader(header);
  const errors: ImportRowError[] = [];
  const row = new CatalogueRowValidator(index, header.length).validate(
    header.map((c) => cells[c] ?? ''),
    4,
    (e) => errors.push(e),
  );
  return { row, errors };
}

describe('catalogue row validation', () => {
  it('reads a full row, undoing formula escapes; defaults active to true and inclusion to the package', () => {
    const { row, errors } = validate({
      ...BASE,
      title: "'=Sum it up",
      hours: '7.25',
      inclusion_package: 'digital-skills',
      skills: 'data-engineering:3; data-modelling:1',
    });
    expect(errors).toEqual([]);
    expect(row).toMatchObject({
      row: 4,
      title: '=Sum it up',
      hours: 7.25,
      active: true,
      countsTowardsInclusion: true,
      inclusionPackage: 'digital-skills',
      skills: [
        { slug: 'data-engineering', level: 3 },
        { slug: 'data-modelling', level: 1 },
      ],
    });
  });

  it.each([
    [{ code: '' }, 'code'],
    [{ code: 'csl-1' }, 'code'],
    [{ provider_kind: 'college' }, 'provider_kind'],
    [{ format: 'event' }, 'starts_at'],
    [{ hours: '0' }, 'hours'],
    [{ hours: '1e3' }, 'hours'],
    [{ url: 'javascript:alert(1)' }, 'url'],
    [{ skills: 'a:1;a:2' }, 'skills'],
    [{ skills: 'a:0' }, 'skills'],
    [{ counts_towards_inclusion: 'false', inclusion_package: 'digital-awareness' }, 'counts_towards_inclusion'],
    [{ starts_at: '2026-01-01' }, 'starts_at'],
    [{ active: 'nope' }, 'active'],
  ])('reports %o in column %s', (cells, column) => {
    const { row, errors } = validate({ ...BASE, ...cells });
    expect(row).toBeNull();
    expect(errors.map((e) => e.column)).toContain(column);
    expect(errors.every((e) => e.row === 4)).toBe(true);
  });

  it('reports a ragged row once, without a column', () => {
    const { index } = readCatalogueHeader([...CATALOGUE_CSV_COLUMNS]);
    const errors: ImportRowError[] = [];
    expect(
      new CatalogueRowValidator(index, CATALOGUE_CSV_COLUMNS.length).validate(['a'], 9, (e) => errors.push(e)),
    ).toBeNull();
    expect(errors).toEqual([
      { row: 9, column: null, message: `Expected ${CATALOGUE_CSV_COLUMNS.length} cells, found 1` },
    ]);
  });

  it('parses skills lists', () => {
    const fail = (): null => null;
    expect(parseSkills('', fail)).toEqual([]);
    expect(parseSkills('x:4', fail)).toEqual([{ slug: 'x', level: 4 }]);
    expect(parseSkills('x:5', fail)).toBeNull();
    expect(parseSkills('X:1', fail)).toBeNull();
  });
});

describe('the event rule', () => {
  const at = (iso: string): Date => new Date(iso);
  it('an event needs dates (end not before start) and a location; nothing else has them', () => {
    const event = {
      format: 'event' as const,
      startsAt: at('2026-01-01T10:00Z'),
      endsAt: at('2026-01-01T11:00Z'),
      location: 'Leeds',
    };
    expect(eventProblem(event)).toBeNull();
    expect(eventProblem({ ...event, location: null })).toMatch(/needs/);
    expect(eventProblem({ ...event, endsAt: at('2026-01-01T09:00Z') })).toMatch(/on or after/);
    expect(eventProblem({ format: 'course', startsAt: null, endsAt: null, location: null })).toBeNull();
    expect(eventProblem({ format: 'course', startsAt: null, endsAt: null, location: 'Leeds' })).toMatch(
      /Only an event/,
    );
  });
});
