import { readCsvHeader, unescapeFormula, type ImportRowError } from '@capability/workforce';
import {
  INCLUSION_PACKAGES,
  LEARNING_FORMATS,
  PROVIDER_KINDS,
  type InclusionPackage,
  type LearningFormat,
  type ProviderKind,
} from './learning-item.entity.js';
import type { LearningItemRow } from './learning-items.repository.js';
import { eventProblem, type SkillTarget } from './learning-items.service.js';

/** The catalogue file: one row per item. Import and export use the same columns, so an export imports back as a no-op. */
export const CATALOGUE_CSV_COLUMNS = [
  'code',
  'title',
  'provider_kind',
  'provider',
  'format',
  'hours',
  'url',
  'description',
  'counts_towards_inclusion',
  'inclusion_package',
  'skills',
  'starts_at',
  'ends_at',
  'location',
  'active',
] as const;
export type CatalogueCsvColumn = (typeof CATALOGUE_CSV_COLUMNS)[number];

/** What a column holds, for the OpenAPI description. */
export const CATALOGUE_CSV_COLUMN_DOCS: Record<CatalogueCsvColumn, string> = {
  code: 'required; the stable key an import matches on, e.g. CSL-DATA-101 (capitals, digits, dashes); each code once',
  title: 'required; at most 200 characters',
  provider_kind: `required; one of ${PROVIDER_KINDS.join(', ')}`,
  provider: "required; the provider's name, at most 200 characters",
  format: `required; one of ${LEARNING_FORMATS.join(', ')}`,
  hours: 'optional; hours of learning, more than 0 and at most 10000, up to two decimals',
  url: 'optional; an http(s) URL',
  description: 'optional; at most 4000 characters',
  counts_towards_inclusion: 'optional; true or false (empty: true when inclusion_package is given)',
  inclusion_package: `optional; ${INCLUSION_PACKAGES.join(' or ')}`,
  skills:
    'optional; the skills the item develops and the level (1..4) it takes a learner to, as slug:level separated by ' +
    'semicolons (e.g. data-engineering:3;data-modelling:2); each a skill of the current framework version',
  starts_at: 'events only (required for them); an ISO 8601 date-time with its offset, e.g. 2026-03-02T10:00:00.000Z',
  ends_at: 'events only (required for them); not before starts_at',
  location: 'events only (required for them); at most 200 characters',
  active: 'optional; true or false (empty: true); false retires the item',
};

/** A row that passed every check needing only the row itself; skills are checked against the framework after. */
export interface CatalogueRow extends LearningItemRow {
  row: number;
  skills: SkillTarget[];
}

type Report = (error: ImportRowError) => void;

export const ITEM_CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const SKILL_ENTRY = /^([a-z0-9]+(?:-[a-z0-9]+)*):([1-4])$/;
const HOURS = /^\d{1,5}(?:\.\d{1,2})?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const BOOLEAN = /^(?:true|false)$/i;

export function readCatalogueHeader(cells: string[]): {
  index: Record<CatalogueCsvColumn, number>;
  errors: ImportRowError[];
} {
  return readCsvHeader(cells, CATALOGUE_CSV_COLUMNS);
}

/** Checks one data row on its own: the shape of each cell and the event rule. */
export class CatalogueRowValidator {
  constructor(
    private readonly index: Record<CatalogueCsvColumn, number>,
    private readonly columnCount: number,
  ) {}

  validate(cells: string[], row: number, report: Report): CatalogueRow | null {
    if (cells.length !== this.columnCount) {
      report({ row, column: null, message: `Expected ${this.columnCount} cells, found ${cells.length}` });
      return null;
    }
    let ok = true;
    const fail = (column: CatalogueCsvColumn, message: string): null => {
      ok = false;
      report({ row, column, message });
      return null;
    };
    const cell = (column: CatalogueCsvColumn): string => unescapeFormula((cells[this.index[column]] ?? '').trim());
    const text = (column: CatalogueCsvColumn, max: number, required: boolean): string | null => {
      const value = cell(column);
      if (!value) return required ? fail(column, `${column} is required`) : null;
      return value.length > max ? fail(column, `${column} is at most ${max} characters`) : value;
    };
    const oneOf = <T extends string>(
      column: CatalogueCsvColumn,
      allowed: readonly T[],
      required: boolean,
    ): T | null => {
      const value = cell(column);
      if (!value) return required ? fail(column, `${column} is required`) : null;
      return (allowed as readonly string[]).includes(value)
        ? (value as T)
        : fail(column, `${column} must be one of ${allowed.join(', ')}`);
    };
    const bool = (column: CatalogueCsvColumn): boolean | null => {
      const value = cell(column);
      if (!value) return null;
      return BOOLEAN.test(value) ? value.toLowerCase() === 'true' : fail(column, `${column} must be true or false`);
    };
    const dateTime = (column: CatalogueCsvColumn): Date | null => {
      const value = cell(column);
      if (!value) return null;
      const date = new Date(value);
      return DATE_TIME.test(value) && !Number.isNaN(date.getTime())
        ? date
        : fail(column, `${column} must be an ISO 8601 date-time with an offset, e.g. 2026-03-02T10:00:00Z`);
    };

    let code = cell('code');
    if (!code) code = fail('code', 'code is required') ?? '';
    else if (code.length > 40 || !ITEM_CODE.test(code)) {
      code = fail('code', 'code must be at most 40 capitals, digits and single dashes, e.g. CSL-DATA-101') ?? '';
    }
    const title = text('title', 200, true);
    const providerKind = oneOf<ProviderKind>('provider_kind', PROVIDER_KINDS, true);
    const providerName = text('provider', 200, true);
    const format = oneOf<LearningFormat>('format', LEARNING_FORMATS, true);
    const hoursCell = cell('hours');
    let hours: number | null = null;
    if (hoursCell) {
      hours = HOURS.test(hoursCell) && Number(hoursCell) > 0 && Number(hoursCell) <= 10000 ? Number(hoursCell) : null;
      if (hours === null) fail('hours', 'hours must be a number more than 0 and at most 10000, up to two decimals');
    }
    const url = text('url', 2000, false);
    if (url && !/^https?:\/\/[^\s]+$/i.test(url)) fail('url', 'url must be an http or https URL');
    const description = text('description', 4000, false);
    const inclusionPackage = oneOf<InclusionPackage>('inclusion_package', INCLUSION_PACKAGES, false);
    const counts = bool('counts_towards_inclusion');
    if (inclusionPackage && counts === false) {
      fail('counts_towards_inclusion', 'An item of an inclusion package counts towards inclusion');
    }
    const skills = parseSkills(cell('skills'), (message) => fail('skills', message));
    const startsAt = dateTime('starts_at');
    const endsAt = dateTime('ends_at');
    const location = text('location', 200, false);
    const active = bool('active');
    if (format) {
      const problem = eventProblem({ format, startsAt, endsAt, location });
      if (problem) fail(eventColumn(format, startsAt, endsAt, location), problem);
    }
    if (!ok || !title || !providerKind || !providerName || !format || !skills) return null;
    return {
      row,
      code,
      title,
      providerKind,
      providerName,
      format,
      hours,
      url,
      description,
      countsTowardsInclusion: counts ?? inclusionPackage !== null,
      inclusionPackage,
      active: active ?? true,
      startsAt,
      endsAt,
      location,
      skills,
    };
  }
}

/** `slug:level;slug:level`, each slug once; empty = none. Null (after reporting) when malformed. */
export function parseSkills(value: string, fail: (message: string) => null): SkillTarget[] | null {
  if (!value) return [];
  const skills: SkillTarget[] = [];
  for (const entry of value.split(';').map((e) => e.trim())) {
    const match = SKILL_ENTRY.exec(entry);
    if (!match) return fail(`"${entry.slice(0, 130)}" is not skill-slug:level with a level from 1 to 4`);
    const [, slug, level] = match as unknown as [string, string, string];
    if (skills.some((s) => s.slug === slug)) return fail(`Skill "${slug}" is listed twice`);
    skills.push({ slug, level: Number(level) });
  }
  return skills;
}

/** The column an event-rule error points at: the first missing (or, for other formats, present) event cell. */
function eventColumn(
  format: LearningFormat,
  startsAt: Date | null,
  endsAt: Date | null,
  location: string | null,
): CatalogueCsvColumn {
  if (format !== 'event') return startsAt ? 'starts_at' : endsAt ? 'ends_at' : 'location';
  if (!startsAt) return 'starts_at';
  if (!endsAt) return 'ends_at';
  return location ? 'ends_at' : 'location';
}
