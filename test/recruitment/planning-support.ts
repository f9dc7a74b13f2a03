import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/app.js';

/** Helpers the recruitment planning tests share: units, role levels, grades and locations to plan over. */

export type Auth = { Authorization: string };

export const API = '/api/v1';

/** A day relative to today (UTC), as `YYYY-MM-DD`. */
export const shiftDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A small deterministic generator (so a failure can be replayed). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** An organisation unit under `parent` (a department without one); returns its id. */
export async function unit(t: TestApp, code: string, parent: string | null = null): Promise<string> {
  const id = randomUUID();
  await t.dataSource.query(
    `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
     VALUES ($1, $2, $2, $3, $4, (SELECT coalesce((SELECT path FROM organisation_units WHERE id = $4), '{}'::uuid[]) || $1::uuid))`,
    [id, code, parent ? 'team' : 'department', parent],
  );
  return id;
}

export interface Level {
  id: string;
  slug: string;
  name: string;
  family: string;
}

/** `n` role levels of the current framework in `family` (or outside it, with `not`), by slug. */
export async function levels(t: TestApp, family: string, n: number, not = false): Promise<Level[]> {
  return t.dataSource.query<Level[]>(
    `SELECT rl.id, rl.slug, rl.name, rf.slug AS family FROM role_levels rl JOIN roles r ON r.id = rl.role_id
       JOIN role_families rf ON rf.id = r.role_family_id
       JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
      WHERE ${not ? 'rf.slug <> $1' : 'rf.slug = $1'} ORDER BY rl.slug LIMIT $2`,
    [family, n],
  );
}

export async function gradeIds(t: TestApp, codes: string[]): Promise<string[]> {
  const rows = await t.dataSource.query<{ id: string; code: string }[]>(
    'SELECT id, code FROM grades WHERE code = ANY($1)',
    [codes],
  );
  return codes.map((c) => rows.find((r) => r.code === c)!.id);
}

export async function location(t: TestApp, code: string, hub = true): Promise<string> {
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO locations (code, name, region, is_regional_hub) VALUES ($1::varchar, $1::varchar || ' hub', 'North West', $2) RETURNING id`,
    [code, hub],
  );
  return row!.id;
}

/** A campaign straight into the table (for tests about something else), in `state`, running ±200 days. */
export async function insertCampaign(
  t: TestApp,
  ownerUserId: string,
  state: 'draft' | 'open' | 'closed' = 'open',
  title = 'Inserted campaign',
): Promise<string> {
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO campaigns (title, kind, owner_user_id, starts_on, ends_on, target_hires, state, opened_at, closed_at)
     VALUES ($1, 'specialist', $2, current_date - 200, current_date + 200, 5, $3::varchar,
             CASE WHEN $3 <> 'draft' THEN now() END, CASE WHEN $3 = 'closed' THEN now() END) RETURNING id`,
    [title, ownerUserId, state],
  );
  return row!.id;
}

/** A vacancy straight into the table, in `state`, closing in 30 days. */
export async function insertVacancy(
  t: TestApp,
  v: {
    campaignId: string;
    roleLevelId: string;
    gradeId: string;
    unitId: string;
    posts?: number;
    state?: 'draft' | 'open' | 'closed' | 'withdrawn';
    panel?: { userId: string; chair?: boolean }[];
  },
): Promise<string> {
  const state = v.state ?? 'open';
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO vacancies (campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max, closes_on,
                            required_checks, state, opened_at, closed_at, withdrawn_at)
     VALUES ($1, 'Inserted vacancy', $2, $3, $4, $5, 40000, 50000, current_date + 30, ARRAY['right-to-work', 'bpss'],
             $6::varchar, CASE WHEN $6 IN ('open', 'closed') THEN now() END, CASE WHEN $6 = 'closed' THEN now() END,
             CASE WHEN $6 = 'withdrawn' THEN now() END) RETURNING id`,
    [v.campaignId, v.roleLevelId, v.gradeId, v.unitId, v.posts ?? 1, state],
  );
  for (const member of v.panel ?? []) {
    await t.dataSource.query('INSERT INTO vacancy_panel_members (vacancy_id, user_id, is_chair) VALUES ($1, $2, $3)', [
      row!.id,
      member.userId,
      member.chair ?? false,
    ]);
  }
  return row!.id;
}
