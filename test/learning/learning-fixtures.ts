import type { TestApp } from '../support/app.js';

export type Auth = { Authorization: string };
export const ITEMS = '/api/v1/learning-items';
export const MAP = '/api/v1/learning-map';

export interface FamilySkills {
  family: string;
  /** Skills the family's levelled roles require (current version), by slug. */
  skills: string[];
}

/** Each role family of the current framework version with the skills its role levels require. */
export async function familySkills(t: TestApp): Promise<FamilySkills[]> {
  return t.dataSource.query(
    `SELECT f.slug AS family, array_agg(DISTINCT sk.slug ORDER BY sk.slug) AS skills
       FROM role_families f
       JOIN framework_versions v ON v.id = f.version_id AND v.is_current
       JOIN roles r ON r.role_family_id = f.id
       JOIN role_levels rl ON rl.role_id = r.id
       JOIN skill_requirements q ON q.role_level_id = rl.id
       JOIN skills sk ON sk.id = q.skill_id
      GROUP BY f.slug ORDER BY f.slug`,
  );
}

/** A family, one of its skills, and a skill no role of that family needs (levelled or SCS). */
export async function familyAndOutsider(t: TestApp): Promise<{ family: string; inside: string[]; outside: string }> {
  const families = await familySkills(t);
  for (const f of families) {
    const [row]: { slug: string }[] = await t.dataSource.query(
      `SELECT sk.slug FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
        WHERE sk.slug <> ALL($1::text[])
          AND NOT EXISTS (SELECT 1 FROM role_skills rs JOIN roles r ON r.id = rs.role_id
                            JOIN role_families rf ON rf.id = r.role_family_id
                           WHERE rs.skill_id = sk.id AND rf.slug = $2)
        ORDER BY sk.slug LIMIT 1`,
      [f.skills, f.family],
    );
    if (row && f.skills.length >= 2) return { family: f.family, inside: f.skills, outside: row.slug };
  }
  throw new Error('No family with a skill outside it');
}

let n = 0;
export function itemBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    code: `TEST-${n}`,
    title: `Learning item ${n}`,
    providerKind: 'civil_service_learning',
    providerName: 'Civil Service Learning',
    format: 'course',
    hours: 7.5,
    url: 'https://learning.example/course',
    description: 'A course',
    skills: [],
    ...overrides,
  };
}
