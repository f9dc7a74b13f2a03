import type { Role } from '@capability/auth';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';

export const API = '/api/v1';
export type Auth = { Authorization: string };

let sequence = 0;

/** An organisation unit under `parentId` (or a root), inserted with its path. */
export async function createUnit(t: TestApp, parentId: string | null = null): Promise<string> {
  const id = randomUUID();
  const n = ++sequence;
  await t.dataSource.query(
    `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
     SELECT $1, $2, $3, $4, $5, COALESCE((SELECT path FROM organisation_units WHERE id = $5), ARRAY[]::uuid[]) || $1::uuid`,
    [id, `RU-${n}`, `Review unit ${n}`, parentId ? 'team' : 'department', parentId],
  );
  return id;
}

export interface PersonOptions {
  unitId: string;
  lineManagerId?: string | null;
  /** A role level slug of the current framework version, as the current primary role. */
  roleLevel?: string | null;
  leavingDate?: string | null;
  name?: string;
}

export async function createPerson(t: TestApp, options: PersonOptions): Promise<string> {
  const n = ++sequence;
  const [row]: { id: string }[] = await t.dataSource.query(
    `INSERT INTO staff (staff_number, full_name, unit_id, line_manager_id, employment_type, leaving_date)
     VALUES ($1, $2, $3, $4, 'permanent', $5) RETURNING id`,
    [
      `R-${n}`,
      options.name ?? `Person ${String(n).padStart(4, '0')}`,
      options.unitId,
      options.lineManagerId ?? null,
      options.leavingDate ?? null,
    ],
  );
  const id = row!.id;
  if (options.roleLevel) await assignRole(t, id, options.roleLevel, '2024-01-01');
  return id;
}

/** A new primary role assignment from `startsOn`, closing the open one. */
export async function assignRole(t: TestApp, staffId: string, slug: string, startsOn: string): Promise<void> {
  await t.dataSource.query(
    `UPDATE role_assignments SET ends_on = $2 WHERE staff_id = $1 AND is_primary AND ends_on IS NULL`,
    [staffId, startsOn],
  );
  const rows: unknown[] = await t.dataSource.query(
    `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
     SELECT $1, rl.id, true, $3 FROM role_levels rl
       JOIN framework_versions v ON v.id = rl.version_id AND v.is_current WHERE rl.slug = $2 RETURNING id`,
    [staffId, slug, startsOn],
  );
  expect(rows).toHaveLength(1);
}

export async function userFor(
  t: TestApp,
  roles: Role[],
  staffId: string | null,
  roleFamilies: string[] = [],
): Promise<Auth> {
  return (await signedIn(t, { roles, staffId, roleFamilies })).auth;
}

export interface RequiredSkill {
  skillId: string;
  slug: string;
  requiredLevel: number;
}

/**
 * The skills a role level requires, read from the framework's rows and reduced here (each skill once, at
 * the highest level listed): the tests' own reading, not the service's SQL.
 */
export async function requiredSkills(t: TestApp, roleLevelId: string): Promise<RequiredSkill[]> {
  const rows: { skill_id: string; slug: string; required_level: number }[] = await t.dataSource.query(
    `SELECT sr.skill_id, sk.slug, sr.required_level FROM skill_requirements sr JOIN skills sk ON sk.id = sr.skill_id
      WHERE sr.role_level_id = $1`,
    [roleLevelId],
  );
  const bySkill = new Map<string, RequiredSkill>();
  for (const r of rows) {
    const seen = bySkill.get(r.skill_id);
    if (!seen || seen.requiredLevel < r.required_level) {
      bySkill.set(r.skill_id, { skillId: r.skill_id, slug: r.slug, requiredLevel: r.required_level });
    }
  }
  return [...bySkill.values()];
}

export async function roleLevelId(t: TestApp, slug: string): Promise<string> {
  const [row]: { id: string }[] = await t.dataSource.query(
    `SELECT rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current WHERE rl.slug = $1`,
    [slug],
  );
  return row!.id;
}

export interface CycleBody {
  name: string;
  unitId: string;
  opensOn: string;
  closesOn: string;
}

export function cycleBody(unitId: string, overrides: Partial<CycleBody> = {}): CycleBody {
  return {
    name: `Annual Skills Review ${++sequence}`,
    unitId,
    opensOn: '2026-04-01',
    closesOn: '2026-06-30',
    ...overrides,
  };
}

/** Creates and opens a cycle for the unit as `auth` (HR or admin); returns its id. */
export async function openCycle(t: TestApp, auth: Auth, unitId: string): Promise<string> {
  const created = await t.http().post(`${API}/review-cycles`).set(auth).send(cycleBody(unitId));
  expect(created.status, created.text).toBe(201);
  const id = (created.body as { id: string }).id;
  const opened = await t.http().post(`${API}/review-cycles/${id}/open`).set(auth);
  expect(opened.status, opened.text).toBe(200);
  return id;
}

/** The person's review id in the cycle. */
export async function reviewOf(t: TestApp, cycleId: string, staffId: string): Promise<string> {
  const [row]: { id: string }[] = await t.dataSource.query(
    'SELECT id FROM skill_reviews WHERE cycle_id = $1 AND staff_id = $2',
    [cycleId, staffId],
  );
  return row!.id;
}

export interface ReviewBody {
  id: string;
  state: string;
  version: number;
  skills: {
    skillId: string;
    skillSlug: string;
    required: boolean;
    requiredLevel: number | null;
    selfLevel: number | null;
    validatedLevel: number | null;
    flaggedForCalibration: boolean;
    levels: { level: number; name: string; text: string | null }[];
  }[];
}
