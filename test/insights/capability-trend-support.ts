import { createHash, randomUUID } from 'node:crypto';
import type { TestApp } from '../support/app.js';
import {
  expectedGaps,
  generateWorld,
  prng,
  type Ask,
  type Figures,
  type RatingRow,
  type World,
} from './capability-gaps-support.js';

/**
 * The gap report's world (two closed cycles and an open one on the current framework version) and, older than them,
 * a cycle closed in 2023 pinned to an older framework version: a copy of the current one without one skill that a
 * family of the world requires (`droppedSkill`) and without a whole family nobody in the world holds
 * (`droppedFamily`). Reviews in that cycle follow the old version's requirements. `expectedTrend` works the trend out
 * in plain TypeScript from the rows, the gap report's independent calculation and what each version holds.
 */
export interface TrendWorld extends World {
  oldCycle: string;
  oldVersion: string;
  currentVersion: string;
  droppedSkill: { slug: string; name: string };
  droppedFamily: string;
  /** The current version: each family's and role's required skills (slug → name), and every skill, family, role. */
  current: {
    familySkills: Map<string, Map<string, string>>;
    roleSkills: Map<string, Map<string, string>>;
    families: Map<string, string>;
    roles: Map<string, string>;
    roleFamily: Map<string, string>;
    skills: Map<string, string>;
  };
  /** Cycles in the trend's order: closed ones by the date they closed, then the open one. */
  order: string[];
  /** The world's picked roles (slug), by family. */
  rolesOf: Map<string, string[]>;
}

export async function generateTrendWorld(t: TestApp): Promise<TrendWorld> {
  const w = await generateWorld(t);
  const random = prng(2023);
  const [current]: { id: string }[] = await t.dataSource.query(`SELECT id FROM framework_versions WHERE is_current`);
  const currentVersion = current!.id;

  const req: {
    family: string;
    family_name: string;
    role: string;
    role_name: string;
    skill: string;
    skill_name: string;
  }[] = await t.dataSource.query(
    `SELECT rf.slug AS family, rf.name AS family_name, ro.slug AS role, ro.name AS role_name,
              sk.slug AS skill, sk.name AS skill_name
         FROM role_families rf
         LEFT JOIN roles ro ON ro.role_family_id = rf.id
         LEFT JOIN role_levels rl ON rl.role_id = ro.id
         LEFT JOIN skill_requirements sr ON sr.role_level_id = rl.id
         LEFT JOIN skills sk ON sk.id = sr.skill_id
        WHERE rf.version_id = $1`,
    [currentVersion],
  );
  const allSkills: { slug: string; name: string }[] = await t.dataSource.query(
    'SELECT slug, name FROM skills WHERE version_id = $1',
    [currentVersion],
  );
  const cur: TrendWorld['current'] = {
    familySkills: new Map(),
    roleSkills: new Map(),
    families: new Map(),
    roles: new Map(),
    roleFamily: new Map(),
    skills: new Map(allSkills.map((s) => [s.slug, s.name])),
  };
  for (const r of req) {
    cur.families.set(r.family, r.family_name);
    if (!cur.familySkills.has(r.family)) cur.familySkills.set(r.family, new Map());
    if (r.role) {
      cur.roles.set(r.role, r.role_name);
      cur.roleFamily.set(r.role, r.family);
      if (!cur.roleSkills.has(r.role)) cur.roleSkills.set(r.role, new Map());
    }
    if (r.skill) {
      cur.familySkills.get(r.family)!.set(r.skill, r.skill_name);
      cur.roleSkills.get(r.role)!.set(r.skill, r.skill_name);
    }
  }
  // The skill dropped: one the first family's picked levels require (it has ratings in the later cycles).
  const firstFamilyRatings = w.ratings.filter((r) => r.parts.roleFamily.id === w.families[0] && r.required !== null);
  const droppedSkill = { slug: firstFamilyRatings[0]!.parts.skill.id, name: firstFamilyRatings[0]!.parts.skill.label };
  const droppedFamily = [...cur.families.keys()].find(
    (f) => !w.families.includes(f) && (cur.familySkills.get(f)?.size ?? 0) > 0,
  )!;

  // The old version: the current one without droppedSkill and droppedFamily (same slugs, new rows).
  const oldVersion = randomUUID();
  await t.dataSource.query(
    `INSERT INTO framework_versions (id, number, name, source, is_current, content_hash)
     VALUES ($1, (SELECT max(number) + 1 FROM framework_versions), 'Trend test 2023', 'test', false,
             $2)`,
    [oldVersion, createHash('sha256').update(oldVersion).digest('hex')],
  );
  await t.dataSource.query(
    `INSERT INTO role_families (version_id, slug, name, position)
     SELECT $2, slug, name, position FROM role_families WHERE version_id = $1 AND slug <> $3`,
    [currentVersion, oldVersion, droppedFamily],
  );
  await t.dataSource.query(
    `INSERT INTO roles (version_id, role_family_id, slug, name, description, senior_civil_service, position)
     SELECT $2, nf.id, ro.slug, ro.name, ro.description, ro.senior_civil_service, ro.position
       FROM roles ro JOIN role_families rf ON rf.id = ro.role_family_id
       JOIN role_families nf ON nf.version_id = $2 AND nf.slug = rf.slug
      WHERE ro.version_id = $1`,
    [currentVersion, oldVersion],
  );
  await t.dataSource.query(
    `INSERT INTO role_levels (version_id, role_id, slug, name, description, position)
     SELECT $2, nr.id, rl.slug, rl.name, rl.description, rl.position
       FROM role_levels rl JOIN roles ro ON ro.id = rl.role_id
       JOIN roles nr ON nr.version_id = $2 AND nr.slug = ro.slug
      WHERE rl.version_id = $1`,
    [currentVersion, oldVersion],
  );
  await t.dataSource.query(
    `INSERT INTO skills (version_id, slug, name, description)
     SELECT $2, slug, name, description FROM skills WHERE version_id = $1 AND slug <> $3`,
    [currentVersion, oldVersion, droppedSkill.slug],
  );
  await t.dataSource.query(
    `INSERT INTO skill_requirements (version_id, role_level_id, skill_id, required_level, position)
     SELECT $2, nl.id, ns.id, sr.required_level, sr.position
       FROM skill_requirements sr
       JOIN role_levels rl ON rl.id = sr.role_level_id
       JOIN skills sk ON sk.id = sr.skill_id
       JOIN role_levels nl ON nl.version_id = $2 AND nl.slug = rl.slug
       JOIN skills ns ON ns.version_id = $2 AND ns.slug = sk.slug
      WHERE sr.version_id = $1`,
    [currentVersion, oldVersion],
  );

  const oldCycle = randomUUID();
  await t.dataSource.query(
    `INSERT INTO review_cycles (id, name, unit_id, opens_on, closes_on, state, framework_version_id, opened_at, closed_at)
     VALUES ($1, 'Trend review 2023', $2, '2023-04-01', '2023-06-30', 'closed', $3, '2023-04-01T09:00:00Z',
             '2023-07-01T09:00:00Z')`,
    [oldCycle, w.unitIds.department, oldVersion],
  );
  // Each person's role level in the closed 2025 cycle, now from the old version; 80 % of people reviewed.
  const levelOf = new Map<string, RatingRow['parts']>();
  for (const r of w.ratings) if (r.cycleId === w.closed) levelOf.set(r.staffId, r.parts);
  const oldLevels: {
    id: string;
    slug: string;
    name: string;
    skill_id: string;
    skill_slug: string;
    skill_name: string;
    required_level: number;
  }[] = await t.dataSource.query(
    `SELECT rl.id, rl.slug, rl.name, sk.id AS skill_id, sk.slug AS skill_slug, sk.name AS skill_name, sr.required_level
       FROM role_levels rl JOIN skill_requirements sr ON sr.role_level_id = rl.id JOIN skills sk ON sk.id = sr.skill_id
      WHERE rl.version_id = $1 ORDER BY rl.slug, sr.position`,
    [oldVersion],
  );
  const reviews: Record<string, unknown>[] = [];
  const ratingRecords: Record<string, unknown>[] = [];
  for (const p of w.people) {
    const parts = levelOf.get(p.id);
    if (!parts || random() < 0.2) continue;
    const reqs = oldLevels.filter((l) => l.slug === parts.roleLevel.id);
    const levelId = reqs[0]!.id;
    const state = random() < 0.85 ? 'validated' : 'self_assessed';
    const reviewId = randomUUID();
    reviews.push({
      id: reviewId,
      cycle_id: oldCycle,
      staff_id: p.id,
      role_level_id: levelId,
      role_level_slug: parts.roleLevel.id,
      role_level_name: parts.roleLevel.label,
      role_family_slug: parts.roleFamily.id,
      unit_id: p.unit.id,
      state,
      submitted_at: '2023-05-01T09:00:00Z',
      validated_at: state === 'validated' ? '2023-05-10T09:00:00Z' : null,
    });
    const seen = new Set<string>();
    for (const s of reqs) {
      if (seen.has(s.skill_id)) continue;
      seen.add(s.skill_id);
      const self = Math.floor(random() * 5);
      const validated = state === 'validated' ? Math.max(0, Math.min(4, self + Math.floor(random() * 3) - 1)) : null;
      const required = Math.max(...reqs.filter((x) => x.skill_id === s.skill_id).map((x) => x.required_level));
      ratingRecords.push({
        review_id: reviewId,
        skill_id: s.skill_id,
        skill_slug: s.skill_slug,
        skill_name: s.skill_name,
        position: seen.size,
        required_level: required,
        self_level: self,
        validated_level: validated,
        flagged_for_calibration: validated !== null && Math.abs(self - validated) >= 2,
      });
      w.ratings.push({
        cycleId: oldCycle,
        staffId: p.id,
        state,
        parts: { ...parts, skill: { id: s.skill_slug, label: s.skill_name } },
        unitPath: p.unitPath,
        required,
        self,
        validated,
      });
    }
  }
  await t.dataSource.query(
    `INSERT INTO skill_reviews (id, cycle_id, staff_id, role_level_id, role_level_slug, role_level_name,
        role_family_slug, unit_id, state, submitted_at, validated_at)
     SELECT id, cycle_id, staff_id, role_level_id, role_level_slug, role_level_name, role_family_slug, unit_id, state,
            submitted_at, validated_at
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, cycle_id uuid, staff_id uuid, role_level_id uuid,
            role_level_slug text, role_level_name text, role_family_slug text, unit_id uuid, state text,
            submitted_at timestamptz, validated_at timestamptz)`,
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
  const rolesOf = new Map<string, string[]>();
  for (const r of w.ratings) {
    const list = rolesOf.get(r.parts.roleFamily.id) ?? [];
    if (!list.includes(r.parts.role.id)) list.push(r.parts.role.id);
    rolesOf.set(r.parts.roleFamily.id, list);
  }
  return {
    ...w,
    oldCycle,
    oldVersion,
    currentVersion,
    droppedSkill,
    droppedFamily,
    current: cur,
    // 2023 (old version), 2024 (empty), 2025, then the open one.
    order: [oldCycle, w.closedOld, w.closed, w.open],
    rolesOf,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The trend worked out independently.

export type Point = { cycleId: string; present: false } | ({ cycleId: string; present: true; label: string } & Figures);
export type TrendDim = 'roleFamily' | 'role' | 'skill';

export interface TrendAsk {
  dimension: TrendDim;
  id: string;
  source?: 'validated' | 'self';
  scope?: Ask['scope'];
  cycles?: string[];
}

const nobody = (): Figures => ({
  people: 0,
  requirements: 0,
  met: 0,
  percentMet: null,
  meanGap: null,
  ratings: [0, 0, 0, 0, 0],
  suppressed: false,
});
const hiddenFigures = (): Figures => ({
  people: null,
  requirements: null,
  met: null,
  percentMet: null,
  meanGap: null,
  ratings: null,
  suppressed: true,
});

/** What a cycle's framework version holds: the current version, or the old one without the dropped skill and family. */
function holds(w: TrendWorld, cycleId: string, dimension: TrendDim, id: string): string | undefined {
  const old = cycleId === w.oldCycle;
  if (dimension === 'skill') return old && id === w.droppedSkill.slug ? undefined : w.current.skills.get(id);
  if (dimension === 'roleFamily') return old && id === w.droppedFamily ? undefined : w.current.families.get(id);
  return old && w.current.roleFamily.get(id) === w.droppedFamily ? undefined : w.current.roles.get(id);
}

function skillsRequired(w: TrendWorld, cycleId: string, dimension: 'roleFamily' | 'role', id: string) {
  if (!holds(w, cycleId, dimension, id)) return new Map<string, string>();
  const all = new Map((dimension === 'roleFamily' ? w.current.familySkills : w.current.roleSkills).get(id) ?? []);
  if (cycleId === w.oldCycle) all.delete(w.droppedSkill.slug);
  return all;
}

export function expectedTrend(
  w: TrendWorld,
  ask: TrendAsk,
): { points: Point[]; skills: { id: string; label: string; points: Point[] }[] } {
  const source = ask.source ?? 'validated';
  const cycles = ask.cycles ?? w.order;
  const points: Point[] = [];
  const skills = new Map<string, { label: string; points: Map<string, Point> }>();
  for (const cycleId of cycles) {
    const report = expectedGaps(w, { cycleId, source, groupBy: [ask.dimension], scope: ask.scope ?? null });
    const own = report.groups.find((g) => g.key[ask.dimension]?.id === ask.id);
    const name = holds(w, cycleId, ask.dimension, ask.id);
    if (!name && !own) points.push({ cycleId, present: false });
    else {
      const { key: _key, ...figures } = own ?? { key: {}, ...nobody() };
      points.push({ cycleId, present: true, label: name ?? own!.key[ask.dimension]!.label, ...figures });
    }
    if (ask.dimension === 'skill') continue;
    const bySkill = expectedGaps(w, {
      cycleId,
      source,
      groupBy: ['skill'],
      filters: { [ask.dimension]: ask.id },
      scope: ask.scope ?? null,
    });
    const present = skillsRequired(w, cycleId, ask.dimension, ask.id);
    for (const g of bySkill.groups) if (!present.has(g.key.skill!.id)) present.set(g.key.skill!.id, g.key.skill!.label);
    for (const [slug, label] of present) {
      const g = bySkill.groups.find((x) => x.key.skill!.id === slug);
      const entry = skills.get(slug) ?? { label, points: new Map() };
      entry.label = label;
      skills.set(slug, entry);
      let figures: Figures = nobody();
      if (g) {
        const { key: _key, ...f } = g;
        figures = own?.suppressed ? hiddenFigures() : f;
      }
      entry.points.set(cycleId, { cycleId, present: true, label, ...figures });
    }
  }
  return {
    points,
    skills: [...skills.entries()]
      .map(([id, s]) => ({
        id,
        label: s.label,
        points: cycles.map((c): Point => s.points.get(c) ?? { cycleId: c, present: false }),
      }))
      .sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id)),
  };
}
