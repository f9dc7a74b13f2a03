import { base, en, en_GB, Faker } from '@faker-js/faker';
import type { UnitType } from '../organisation-unit.entity.js';
import { escapeFormula, STAFF_CSV_COLUMNS, type StaffCsvRow } from '../staff-import/staff-csv.js';
import type { EmploymentType } from '../staff.entity.js';
import {
  AGENCIES,
  BUSINESS_GRADE_WEIGHTS,
  BUSINESS_TEAMS,
  DEMO_DEPARTMENT_CODE,
  DIRECTORATES,
  FAMILY_TEAMS,
  FAMILY_WEIGHTS,
  LOCATION_WEIGHTS,
  LOCATIONS,
  MEMBER_TIER_WEIGHTS,
  SERVICES,
  TIER_GRADES,
  TIER_ORDER,
  tierOf,
  type LevelTier,
} from './demo-reference-data.js';

export { DEMO_DEPARTMENT_CODE, TIER_GRADES, tierOf, type LevelTier };

/** A role level of the current framework version, as the generator needs it. */
export interface DemoRoleLevel {
  slug: string;
  name: string;
  roleSlug: string;
  familySlug: string;
  position: number;
}

export interface DemoUnit {
  code: string;
  name: string;
  type: UnitType;
  parentCode: string | null;
}

export interface DemoLocation {
  code: string;
  name: string;
  region: string;
  isRegionalHub: boolean;
}

export interface DemoDepartment {
  units: DemoUnit[];
  locations: DemoLocation[];
  /** In the import file's format, managers before their reports. */
  staff: StaffCsvRow[];
}

export interface DemoOptions {
  roleLevels: DemoRoleLevel[];
  /** About how many staff (default 2,000). */
  size?: number;
  seed?: number;
  /** Dates are relative to this day (YYYY-MM-DD, default today), so leavers have left and starters started. */
  referenceDate?: string;
}

export const DEMO_SEED = 20_260_401;
export const DEMO_SIZE = 2_000;
export const DEMO_EMAIL_DOMAIN = 'department.example';

interface Person {
  row: StaffCsvRow;
  /** Manages someone: never made a leaver. */
  manager: boolean;
}

/**
 * A realistic, deterministic department: the same seed and size always give the same units, staff
 * numbers, names and structure. Department → three agencies and four directorates → directorates
 * of the agencies → teams of about nine. Each team has a lead who reports to the director; larger
 * teams have a deputy managing part of the team. DDaT teams are multidisciplinary around one role
 * family; business teams are mostly staff with no DDaT role (digital inclusion covers them too).
 */
export function generateDemoDepartment(options: DemoOptions): DemoDepartment {
  const size = Math.max(50, Math.round(options.size ?? DEMO_SIZE));
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(options.seed ?? DEMO_SEED);
  const today = parseDay(options.referenceDate ?? new Date().toISOString().slice(0, 10));

  const levels = [...options.roleLevels].sort(
    (a, b) =>
      a.familySlug.localeCompare(b.familySlug) || a.roleSlug.localeCompare(b.roleSlug) || a.position - b.position,
  );
  const byFamily = new Map<string, DemoRoleLevel[]>();
  for (const level of levels) byFamily.set(level.familySlug, [...(byFamily.get(level.familySlug) ?? []), level]);
  const families = [...byFamily.keys()];
  const familyWeights = families.map((f) => ({ value: f, weight: FAMILY_WEIGHTS[f] ?? 5 }));

  const units: DemoUnit[] = [
    {
      code: DEMO_DEPARTMENT_CODE,
      name: 'Department for Digital Public Services',
      type: 'department',
      parentCode: null,
    },
    ...AGENCIES.map((a) => ({ code: a.code, name: a.name, type: 'agency' as const, parentCode: DEMO_DEPARTMENT_CODE })),
    ...DIRECTORATES.map((d) => ({
      code: d.code,
      name: d.name,
      type: 'directorate' as const,
      parentCode: d.parentCode,
    })),
  ];

  const people: Person[] = [];
  const emails = new Set<string>();
  let nextNumber = 1;
  const locationOf = (): string =>
    faker.helpers.weightedArrayElement(LOCATIONS.map((l, i) => ({ value: l.code, weight: LOCATION_WEIGHTS[i] ?? 1 })));

  const hire = (p: {
    unit: string;
    manager: string | null;
    grade: string;
    level: DemoRoleLevel | null;
    location: string;
    senior?: boolean;
  }): Person => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const staffNumber = `S${String(nextNumber++).padStart(6, '0')}`;
    const tier = p.level ? tierOf(p.level.name) : null;
    const employmentType: EmploymentType = p.senior
      ? 'permanent'
      : tier === 'entry' && /^apprentice/i.test(p.level?.name ?? '')
        ? 'apprentice'
        : faker.helpers.weightedArrayElement<EmploymentType>([
            { value: 'permanent', weight: 77 },
            { value: 'fixed_term', weight: 5 },
            { value: 'secondee', weight: 2 },
            { value: 'interim', weight: 5 },
            { value: 'contractor', weight: 7 },
            { value: 'apprentice', weight: 1 },
          ]);
    const yearsAgo = p.senior ? faker.number.int({ min: 5, max: 30 }) : faker.number.int({ min: 0, max: 20 });
    const start = addDays(today, -(yearsAgo * 365 + faker.number.int({ min: 1, max: 364 })));
    const person: Person = {
      manager: false,
      row: {
        staff_number: staffNumber,
        full_name: `${first} ${last}`,
        work_email: uniqueEmail(first, last, emails),
        unit_code: p.unit,
        location_code: p.location,
        grade_code: p.grade,
        employment_type: employmentType,
        line_manager_staff_number: p.manager ?? '',
        role_level_slug: p.level?.slug ?? '',
        start_date: formatDay(start),
        leaving_date: '',
      },
    };
    people.push(person);
    return person;
  };
  const managerOf = (person: Person): string => {
    person.manager = true;
    return person.row.staff_number;
  };
  const pickLevel = (family: string, tiers: LevelTier[]): DemoRoleLevel | null => {
    const candidates = byFamily.get(family) ?? [];
    for (let i = 0; i < tiers.length; i++) {
      const wanted = new Set(tiers.slice(0, i + 1));
      const matching = candidates.filter((l) => wanted.has(tierOf(l.name)));
      if (matching.length) return faker.helpers.arrayElement(matching);
    }
    return candidates.length ? faker.helpers.arrayElement(candidates) : null;
  };
  const gradeFor = (level: DemoRoleLevel): string => faker.helpers.arrayElement(TIER_GRADES[tierOf(level.name)]);

  // The top of the tree.
  const permSec = hire({
    unit: DEMO_DEPARTMENT_CODE,
    manager: null,
    grade: 'PS',
    level: null,
    location: 'LON',
    senior: true,
  });
  const agencyHeads = new Map(
    AGENCIES.map((a) => [
      a.code,
      hire({
        unit: a.code,
        manager: managerOf(permSec),
        grade: 'SCS3',
        level: null,
        location: locationOf(),
        senior: true,
      }),
    ]),
  );
  const directors = new Map(
    DIRECTORATES.map((d) => {
      const boss = d.parentCode === DEMO_DEPARTMENT_CODE ? permSec : (agencyHeads.get(d.parentCode) ?? permSec);
      const grade = d.parentCode === DEMO_DEPARTMENT_CODE ? 'SCS2' : 'SCS1';
      return [
        d.code,
        hire({ unit: d.code, manager: managerOf(boss), grade, level: null, location: locationOf(), senior: true }),
      ];
    }),
  );

  // Teams of about nine until the department is the size asked for.
  const teamCount = Math.max(DIRECTORATES.length, Math.round((size - people.length) / 9));
  const directorateWeights = DIRECTORATES.map((d) => ({ value: d, weight: d.weight }));
  const teamNames = new Map<string, number>();
  let digitalTeams = 0;
  for (let t = 0; t < teamCount; t++) {
    const directorate =
      t < DIRECTORATES.length ? DIRECTORATES[t]! : faker.helpers.weightedArrayElement(directorateWeights);
    const digital = directorate.digital && families.length > 0;
    // Every family gets teams of its own before weights take over, so small families are covered.
    const family = !digital
      ? null
      : digitalTeams < families.length
        ? families[digitalTeams++]!
        : faker.helpers.weightedArrayElement(familyWeights);
    const discipline = faker.helpers.arrayElement(family ? (FAMILY_TEAMS[family] ?? ['Digital']) : BUSINESS_TEAMS);
    const baseName = `${faker.helpers.arrayElement(SERVICES)} ${discipline}`;
    const n = (teamNames.get(baseName) ?? 0) + 1;
    teamNames.set(baseName, n);
    const code = `T${String(t + 1).padStart(5, '0')}`;
    units.push({ code, name: n === 1 ? baseName : `${baseName} ${n}`, type: 'team', parentCode: directorate.code });

    const location = locationOf();
    const where = (): string => (faker.number.int(99) < 85 ? location : locationOf());
    const director = directors.get(directorate.code) ?? permSec;
    const leadLevel = family ? pickLevel(family, ['lead', 'head', 'senior']) : null;
    const lead = hire({
      unit: code,
      manager: managerOf(director),
      grade: leadLevel ? gradeFor(leadLevel) : faker.helpers.arrayElement(['G7', 'SEO']),
      level: leadLevel,
      location,
      senior: true,
    });
    const members = Math.max(2, Math.round(faker.number.float({ min: 5, max: 11 })));
    let deputy: Person | null = null;
    for (let m = 0; m < members; m++) {
      // Multidisciplinary: most members from the team's family, some from anywhere; business teams rarely hold a DDaT role.
      const memberFamily = family
        ? faker.number.int(99) < 65
          ? family
          : faker.helpers.weightedArrayElement(familyWeights)
        : families.length && faker.number.int(99) < 10
          ? faker.helpers.weightedArrayElement(familyWeights)
          : null;
      const tier = faker.helpers.weightedArrayElement(
        MEMBER_TIER_WEIGHTS.map(([value, weight]) => ({ value, weight })),
      );
      const level = memberFamily ? pickLevel(memberFamily, nearestTiers(tier)) : null;
      const grade = level
        ? gradeFor(level)
        : faker.helpers.weightedArrayElement(BUSINESS_GRADE_WEIGHTS.map(([value, weight]) => ({ value, weight })));
      const reportsTo = deputy && m % 2 === 1 ? deputy : lead;
      const member = hire({ unit: code, manager: managerOf(reportsTo), grade, level, location: where() });
      // In a larger team the first member becomes deputy and manages every other member after them.
      if (m === 0 && members >= 8) deputy = member;
    }
  }

  // About 3% have left; never someone who manages others.
  for (const person of people) {
    if (person.manager || faker.number.int(99) >= 3) continue;
    const started = parseDay(person.row.start_date);
    const left = addDays(today, -faker.number.int({ min: 1, max: 300 }));
    person.row.leaving_date = formatDay(left < started ? started : left);
  }

  return { units, locations: LOCATIONS.map((l) => ({ ...l })), staff: people.map((p) => p.row) };
}

/** Tiers to try, nearest first. */
function nearestTiers(tier: LevelTier): LevelTier[] {
  const i = TIER_ORDER.indexOf(tier);
  return [...TIER_ORDER].sort((a, b) => Math.abs(TIER_ORDER.indexOf(a) - i) - Math.abs(TIER_ORDER.indexOf(b) - i));
}

function uniqueEmail(first: string, last: string, taken: Set<string>): string {
  const local = `${first}.${last}`
    .normalize('NFKD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  let email = `${local}@${DEMO_EMAIL_DOMAIN}`;
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@${DEMO_EMAIL_DOMAIN}`;
  taken.add(email);
  return email;
}

const DAY_MS = 86_400_000;
function parseDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}
function addDays(day: number, days: number): number {
  return day + days * DAY_MS;
}
function formatDay(day: number): string {
  return new Date(day).toISOString().slice(0, 10);
}

/** The import file for `staff`, header first, one line at a time (RFC 4180 quoting, formulas escaped). */
export function* staffCsvLines(staff: Iterable<StaffCsvRow>): Generator<string> {
  yield `${STAFF_CSV_COLUMNS.join(',')}\n`;
  for (const row of staff) yield `${STAFF_CSV_COLUMNS.map((c) => csvCell(escapeFormula(row[c]))).join(',')}\n`;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
