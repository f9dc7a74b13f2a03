import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/app.js';

/**
 * A deterministic world for the capability gap report, inserted with SQL: units, locations, staff across role
 * families, grades, locations and employment types (a line manager with a reporting chain, a few small groups), two
 * closed cycles (an empty older one) and an open one, with reviews in every state and self and validated ratings
 * (some unvalidated, some extra skills). `expectedGaps` works the report out from these rows in plain TypeScript.
 */

/** Mulberry32: the same sequence every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DIMENSIONS = [
  'roleFamily',
  'role',
  'roleLevel',
  'skill',
  'unit',
  'location',
  'grade',
  'employmentType',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
type Part = { id: string; label: string };

export interface Person {
  id: string;
  unit: Part;
  unitPath: string[];
  location: Part | null;
  grade: Part | null;
  employmentType: string;
  lineManagerId: string | null;
}

export interface RatingRow {
  cycleId: string;
  staffId: string;
  state: string;
  parts: Record<Dimension, Part>;
  unitPath: string[];
  required: number | null;
  self: number | null;
  validated: number | null;
}

export interface World {
  people: Person[];
  ratings: RatingRow[];
  closedOld: string;
  closed: string;
  open: string;
  families: string[];
  /** Staff id of the line manager with a reporting chain. */
  manager: string;
  unitIds: { department: string; teamA: string; teamB: string; subA: string };
  /** Every unit of the world with its path (root first, itself last). */
  units: { id: string; name: string; path: string[] }[];
  locationIds: string[];
}

interface Level {
  id: string;
  slug: string;
  name: string;
  roleSlug: string;
  roleName: string;
  familySlug: string;
  familyName: string;
  skills: { skillId: string; slug: string; name: string; required: number }[];
}

async function levels(t: TestApp): Promise<{ versionId: string; levels: Level[]; extra: Level['skills'] }> {
  const rows: {
    version_id: string;
    id: string;
    slug: string;
    name: string;
    role_slug: string;
    role_name: string;
    family_slug: string;
    family_name: string;
    family_position: number;
    skill_id: string;
    skill_slug: string;
    skill_name: string;
    required_level: number;
  }[] = await t.dataSource.query(
    `SELECT v.id AS version_id, rl.id, rl.slug, rl.name, ro.slug AS role_slug, ro.name AS role_name,
            rf.slug AS family_slug, rf.name AS family_name, rf.position AS family_position,
            sk.id AS skill_id, sk.slug AS skill_slug, sk.name AS skill_name, sr.required_level
       FROM framework_versions v
       JOIN role_levels rl ON rl.version_id = v.id
       JOIN roles ro ON ro.id = rl.role_id
       JOIN role_families rf ON rf.id = ro.role_family_id
       JOIN skill_requirements sr ON sr.role_level_id = rl.id
       JOIN skills sk ON sk.id = sr.skill_id
      WHERE v.is_current
      ORDER BY rf.position, ro.slug, rl.position, sk.slug`,
  );
  const byLevel = new Map<string, Level>();
  for (const r of rows) {
    const level = byLevel.get(r.id) ?? {
      id: r.id,
      slug: r.slug,
      name: r.name,
      roleSlug: r.role_slug,
      roleName: r.role_name,
      familySlug: r.family_slug,
      familyName: r.family_name,
      skills: [],
    };
    byLevel.set(r.id, level);
    const seen = level.skills.find((s) => s.skillId === r.skill_id);
    if (!seen) {
      level.skills.push({ skillId: r.skill_id, slug: r.skill_slug, name: r.skill_name, required: r.required_level });
    } else if (seen.required < r.required_level) seen.required = r.required_level;
  }
  // Three families, two role levels each (of different roles where there are).
  const picked: Level[] = [];
  const families = [...new Set([...byLevel.values()].map((l) => l.familySlug))].slice(0, 3);
  for (const f of families) {
    const inFamily = [...byLevel.values()].filter((l) => l.familySlug === f);
    const roles = [...new Set(inFamily.map((l) => l.roleSlug))];
    const first = inFamily.find((l) => l.roleSlug === roles[0])!;
    const second = inFamily.find((l) => l.roleSlug === (roles[1] ?? roles[0]) && l.id !== first.id) ?? first;
    picked.push(first, second);
  }
  const allSkills = [...byLevel.values()].flatMap((l) => l.skills);
  const required = new Set(picked.flatMap((l) => l.skills.map((s) => s.skillId)));
  const extra = allSkills.filter((s) => !required.has(s.skillId)).slice(0, 2);
  return { versionId: rows[0]!.version_id, levels: [...new Map(picked.map((l) => [l.id, l])).values()], extra };
}

const EMPLOYMENT = ['permanent', 'permanent', 'permanent', 'fixed_term', 'interim', 'contractor'] as const;

export async function generateWorld(t: TestApp, seed = 16): Promise<World> {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const { versionId, levels: picked, extra } = await levels(t);

  const department = randomUUID();
  const teamA = randomUUID();
  const teamB = randomUUID();
  const subA = randomUUID();
  const units: { id: string; name: string; path: string[] }[] = [
    { id: department, name: 'Gap Department', path: [department] },
    { id: teamA, name: 'Gap Team A', path: [department, teamA] },
    { id: teamB, name: 'Gap Team B', path: [department, teamB] },
    { id: subA, name: 'Gap Squad A1', path: [department, teamA, subA] },
  ];
  for (const [i, u] of units.entries()) {
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, parent_id, path) VALUES ($1, $2, $3, $4, $5, $6::uuid[])`,
      [u.id, `GAP-${i}`, u.name, i === 0 ? 'department' : 'team', u.path.at(-2) ?? null, u.path],
    );
  }
  const locations: Part[] = [];
  for (const name of ['Gap Leeds', 'Gap Newcastle', 'Gap Glasgow']) {
    const id = randomUUID();
    await t.dataSource.query(`INSERT INTO locations (id, code, name, region) VALUES ($1, $2, $3, 'Somewhere')`, [
      id,
      name.toUpperCase().replace(/ /g, '-'),
      name,
    ]);
    locations.push({ id, label: name });
  }
  const gradeRows: { id: string; code: string; name: string }[] = await t.dataSource.query(
    `SELECT id, code, name FROM grades WHERE code IN ('HEO', 'SEO', 'G7') ORDER BY rank`,
  );

  // 110 people: 0 manages 1–5, 1 manages 6–10, 2 manages 11–13 (a chain of 13 under 0); 60 manages 61–70.
  const people: (Person & { gradeId: string | null; levelIndex: number })[] = [];
  for (let i = 0; i < 110; i++) {
    const unit = units[i % 7 === 0 ? 3 : i % 3 === 0 ? 2 : 1]!;
    const grade = random() < 0.1 ? null : pick(gradeRows);
    const employmentType = i >= 100 && i < 102 ? 'apprentice' : i >= 102 ? 'secondee' : pick(EMPLOYMENT);
    const lineManager =
      i >= 1 && i <= 5 ? 0 : i >= 6 && i <= 10 ? 1 : i >= 11 && i <= 13 ? 2 : i >= 61 && i <= 70 ? 60 : null;
    people.push({
      id: randomUUID(),
      unit: { id: unit.id, label: unit.name },
      unitPath: unit.path,
      location: random() < 0.1 ? null : pick(locations),
      grade: grade ? { id: grade.code, label: grade.name } : null,
      gradeId: grade?.id ?? null,
      employmentType,
      lineManagerId: lineManager === null ? null : people[lineManager]!.id,
      // The last role level is a small group: few people hold it.
      levelIndex: i % 37 === 5 ? picked.length - 1 : Math.floor(random() * (picked.length - 1)),
    });
  }
  for (const [i, p] of people.entries()) {
    await t.dataSource.query(
      `INSERT INTO staff (id, staff_number, full_name, unit_id, line_manager_id, employment_type, location_id, grade_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        p.id,
        `GAP-${i}`,
        `Gap Person ${i}`,
        p.unit.id,
        p.lineManagerId,
        p.employmentType,
        p.location?.id ?? null,
        p.gradeId,
      ],
    );
  }

  const cycle = async (name: string, state: 'open' | 'closed', closedAt: string | null): Promise<string> => {
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO review_cycles (id, name, unit_id, opens_on, closes_on, state, framework_version_id, opened_at, closed_at)
       VALUES ($1, $2, $3, '2025-04-01', '2025-06-30', $4, $5, '2025-04-01T09:00:00Z', $6)`,
      [id, name, department, state, versionId, closedAt],
    );
    return id;
  };
  const closedOld = await cycle('Gap review 2024', 'closed', '2024-07-01T09:00:00Z');
  const closed = await cycle('Gap review 2025', 'closed', '2025-07-01T09:00:00Z');
  const open = await cycle('Gap review 2026', 'open', null);

  const ratings: RatingRow[] = [];
  const reviews: Record<string, unknown>[] = [];
  const ratingRecords: Record<string, unknown>[] = [];
  for (const cycleId of [closed, open]) {
    for (const p of people) {
      if (cycleId === open && random() < 0.15) continue; // not everyone is in the open cycle
      const level = picked[p.levelIndex]!;
      const r = random();
      const state =
        cycleId === closed
          ? r < 0.75
            ? 'validated'
            : r < 0.85
              ? 'self_assessed'
              : r < 0.9
                ? 'returned'
                : 'in_progress'
          : r < 0.4
            ? 'validated'
            : r < 0.7
              ? 'self_assessed'
              : r < 0.8
                ? 'not_started'
                : 'in_progress';
      const reviewId = randomUUID();
      const submitted = state === 'validated' || state === 'self_assessed' || state === 'returned';
      reviews.push({
        id: reviewId,
        cycle_id: cycleId,
        staff_id: p.id,
        role_level_id: level.id,
        role_level_slug: level.slug,
        role_level_name: level.name,
        role_family_slug: level.familySlug,
        unit_id: p.unit.id,
        state,
        submitted_at: submitted ? '2025-05-01T09:00:00Z' : null,
        validated_at: state === 'validated' ? '2025-05-10T09:00:00Z' : null,
        returned_at: state === 'returned' ? '2025-05-05T09:00:00Z' : null,
        return_reason: state === 'returned' ? 'More evidence, please' : null,
      });
      const skills = [
        ...level.skills.map((s) => ({ ...s, required: s.required })),
        ...(random() < 0.2 ? [{ ...extra[0]!, required: null }] : []),
      ];
      for (const [position, s] of skills.entries()) {
        const self =
          state === 'not_started' || (state === 'in_progress' && random() < 0.5) ? null : Math.floor(random() * 5);
        const validated =
          state === 'validated' && random() < 0.95
            ? Math.max(0, Math.min(4, (self ?? 2) + Math.floor(random() * 3) - 1))
            : state === 'self_assessed' && random() < 0.3
              ? Math.floor(random() * 5) // a level recorded before validation: never counts
              : null;
        ratingRecords.push({
          review_id: reviewId,
          skill_id: s.skillId,
          skill_slug: s.slug,
          skill_name: s.name,
          position,
          required_level: s.required,
          self_level: self,
          validated_level: validated,
          flagged_for_calibration: self !== null && validated !== null && Math.abs(self - validated) >= 2,
        });
        ratings.push({
          cycleId,
          staffId: p.id,
          state,
          parts: {
            roleFamily: { id: level.familySlug, label: level.familyName },
            role: { id: level.roleSlug, label: level.roleName },
            roleLevel: { id: level.slug, label: level.name },
            skill: { id: s.slug, label: s.name },
            unit: p.unit,
            location: p.location ?? { id: 'none', label: 'Not recorded' },
            grade: p.grade ?? { id: 'none', label: 'Not recorded' },
            employmentType: { id: p.employmentType, label: p.employmentType },
          },
          unitPath: p.unitPath,
          required: s.required,
          self,
          validated,
        });
      }
    }
  }
  await t.dataSource.query(
    `INSERT INTO skill_reviews (id, cycle_id, staff_id, role_level_id, role_level_slug, role_level_name,
        role_family_slug, unit_id, state, submitted_at, validated_at, returned_at, return_reason)
     SELECT id, cycle_id, staff_id, role_level_id, role_level_slug, role_level_name, role_family_slug, unit_id, state,
            submitted_at, validated_at, returned_at, return_reason
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, cycle_id uuid, staff_id uuid, role_level_id uuid,
            role_level_slug text, role_level_name text, role_family_slug text, unit_id uuid, state text,
            submitted_at timestamptz, validated_at timestamptz, returned_at timestamptz, return_reason text)`,
    [JSON.stringify(reviews)],
  );
  await t.dataSource.query(
    `INSERT INTO skill_review_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level,
        self_level, validated_level, flagged_for_calibration)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(review_id uuid, skill_id uuid, skill_slug text,
            skill_name text, position smallint, required_level smallint, self_level smallint,
            validated_level smallint, flagged_for_calibration boolean)`,
    [JSON.stringify(ratingRecords)],
  );
  return {
    people,
    ratings,
    closedOld,
    closed,
    open,
    families: [...new Set(picked.map((l) => l.familySlug))],
    manager: people[0]!.id,
    unitIds: { department, teamA, teamB, subA },
    units,
    locationIds: locations.map((l) => l.id),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The report worked out independently.

export interface Figures {
  people: number | null;
  requirements: number | null;
  met: number | null;
  percentMet: number | null;
  meanGap: number | null;
  ratings: number[] | null;
  suppressed: boolean;
}
export type Group = { key: Partial<Record<Dimension, Part>> } & Figures;

export interface Ask {
  cycleId: string;
  source: 'validated' | 'self';
  groupBy: Dimension[];
  filters?: Partial<Record<Dimension, string>>;
  /** null: everyone; else the families led and/or the reporting chain of a manager. */
  scope?: { families: string[]; teamOf: string | null } | null;
  k?: number;
}

/** Everyone below `manager` in the line-management tree. */
export function chainOf(w: World, manager: string): Set<string> {
  const below = new Set<string>();
  let frontier = [manager];
  while (frontier.length > 0) {
    frontier = w.people.filter((p) => p.lineManagerId && frontier.includes(p.lineManagerId)).map((p) => p.id);
    for (const id of frontier) below.add(id);
  }
  return below;
}

/** Half-up rounding of a ÷ b to `places` decimals, in integers. */
function roundedRatio(a: number, b: number, places: number): number {
  const f = 10 ** places;
  return Math.floor((2 * a * f + b) / (2 * b)) / f;
}

function figuresOf(rows: { staffId: string; level: number; required: number }[], suppressed: boolean): Figures {
  if (suppressed) {
    return {
      people: null,
      requirements: null,
      met: null,
      percentMet: null,
      meanGap: null,
      ratings: null,
      suppressed: true,
    };
  }
  const met = rows.filter((r) => r.level >= r.required).length;
  const gap = rows.reduce((sum, r) => sum + Math.max(0, r.required - r.level), 0);
  return {
    people: new Set(rows.map((r) => r.staffId)).size,
    requirements: rows.length,
    met,
    percentMet: rows.length ? roundedRatio(100 * met, rows.length, 1) : null,
    meanGap: rows.length ? roundedRatio(gap, rows.length, 2) : null,
    ratings: [0, 1, 2, 3, 4].map((l) => rows.filter((r) => r.level === l).length),
    suppressed: false,
  };
}

/**
 * The suppression rule restated: in each set of siblings (all groups; with several groupings also the groups that
 * differ in one grouping only), hide every non-empty cell under k, then while the hidden cells of the set rest on
 * fewer than k people (a cell hidden earlier counting as at most k − 1), hide the smallest shown cell; repeat over
 * every set until nothing changes.
 */
export function hiddenCells(cells: { ids: string[]; people: number }[], k: number): Set<number> {
  const sets: number[][] = [cells.map((_, i) => i)];
  const dims = cells[0]?.ids.length ?? 0;
  if (dims > 1) {
    for (let d = 0; d < dims; d++) {
      const byRest: Record<string, number[]> = {};
      cells.forEach((c, i) => {
        const rest = c.ids.filter((_, j) => j !== d).join('\u0000');
        (byRest[rest] ??= []).push(i);
      });
      sets.push(...Object.values(byRest));
    }
  }
  const hidden = new Set<number>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const set of sets) {
      const weight = (i: number) => (hidden.has(i) ? Math.min(cells[i]!.people, k - 1) : cells[i]!.people);
      const localHidden = new Set(set.filter((i) => hidden.has(i) || (cells[i]!.people > 0 && cells[i]!.people < k)));
      const sum = () => [...localHidden].reduce((s, i) => s + weight(i), 0);
      if (localHidden.size > 0 && sum() > 0) {
        const shown = set
          .filter((i) => !localHidden.has(i) && cells[i]!.people > 0)
          .sort((a, b) => cells[a]!.people - cells[b]!.people || set.indexOf(a) - set.indexOf(b));
        for (const i of shown) {
          if (sum() >= k) break;
          localHidden.add(i);
        }
      }
      for (const i of localHidden) {
        if (!hidden.has(i)) {
          hidden.add(i);
          changed = true;
        }
      }
    }
  }
  return hidden;
}

/**
 * Grouped by unit, a person counts under the unit one level below the unit filtered on (below the root without a
 * filter), whose subtree holds them, or under their own unit when it is no deeper than that.
 */
function unitGroupOf(w: World, path: string[], filter: string | undefined): Part {
  const depth = filter ? w.units.find((u) => u.id === filter)!.path.length : 1;
  const id = path[depth] ?? path[path.length - 1]!;
  return { id, label: w.units.find((u) => u.id === id)!.name };
}

export function expectedGaps(w: World, ask: Ask): { groups: Group[]; total: Figures } {
  const k = ask.k ?? 5;
  const chain = ask.scope?.teamOf ? chainOf(w, ask.scope.teamOf) : new Set<string>();
  const counted = w.ratings
    .filter((r) => r.cycleId === ask.cycleId && r.required !== null)
    .filter((r) =>
      ask.source === 'validated'
        ? r.state === 'validated' && r.validated !== null
        : (r.state === 'self_assessed' || r.state === 'validated') && r.self !== null,
    )
    .filter((r) =>
      Object.entries(ask.filters ?? {}).every(([d, v]) =>
        d === 'unit' ? r.unitPath.includes(v) : r.parts[d as Dimension].id === v,
      ),
    )
    .filter((r) => !ask.scope || ask.scope.families.includes(r.parts.roleFamily.id) || chain.has(r.staffId))
    .map((r) => ({
      ...r,
      level: (ask.source === 'validated' ? r.validated : r.self)!,
      required: r.required!,
    }));
  const byKey = new Map<string, { parts: Part[]; rows: typeof counted }>();
  for (const r of counted) {
    const parts = ask.groupBy.map((d) => (d === 'unit' ? unitGroupOf(w, r.unitPath, ask.filters?.unit) : r.parts[d]));
    const key = JSON.stringify(parts.map((p) => p.id));
    const g = byKey.get(key) ?? { parts, rows: [] };
    g.rows.push(r);
    byKey.set(key, g);
  }
  const cells = [...byKey.values()].sort((a, b) => {
    for (let i = 0; i < a.parts.length; i++) {
      const c = a.parts[i]!.label.localeCompare(b.parts[i]!.label) || a.parts[i]!.id.localeCompare(b.parts[i]!.id);
      if (c !== 0) return c;
    }
    return 0;
  });
  const hidden = hiddenCells(
    cells.map((c) => ({ ids: c.parts.map((p) => p.id), people: new Set(c.rows.map((r) => r.staffId)).size })),
    k,
  );
  const totalPeople = new Set(counted.map((r) => r.staffId)).size;
  return {
    groups: cells.map((c, i) => ({
      key: Object.fromEntries(ask.groupBy.map((d, j) => [d, c.parts[j]!])),
      ...figuresOf(c.rows, hidden.has(i)),
    })),
    total: figuresOf(counted, totalPeople > 0 && totalPeople < k),
  };
}

/** A minimal RFC 4180 reader (the report's cells hold no newlines). */
export function parseCsv(text: string): string[][] {
  return text
    .split('\r\n')
    .filter((l) => l.length > 0)
    .map((line) => {
      const cells: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (quoted) {
          if (c === '"' && line[i + 1] === '"') {
            cur += '"';
            i++;
          } else if (c === '"') quoted = false;
          else cur += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') {
          cells.push(cur);
          cur = '';
        } else cur += c;
      }
      cells.push(cur);
      return cells;
    });
}
