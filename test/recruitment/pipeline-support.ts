import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/app.js';

/** Helpers the candidates and applications tests share: candidates and applications straight into the tables. */

let sequence = 0;

/** A candidate straight into the table (from a channel unless a partner is given); returns its id. */
export async function insertCandidate(
  t: TestApp,
  c: { fullName?: string; email?: string; university?: string | null; partnerId?: string | null } = {},
): Promise<string> {
  const n = ++sequence;
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO candidates (full_name, email, phone, partner_id, channel, university, course, graduation_year)
     VALUES ($1, $2, '+44 7700 900' || lpad($3::text, 3, '0'), $4::uuid, CASE WHEN $4::uuid IS NULL THEN 'job-board' END,
             $5, 'BSc Computing', 2025) RETURNING id`,
    [
      c.fullName ?? `Inserted Candidate ${n}`,
      c.email ?? `candidate-${n}-${randomUUID().slice(0, 8)}@example.org`,
      n % 1000,
      c.partnerId ?? null,
      c.university === undefined ? 'Inserted University' : c.university,
    ],
  );
  return row!.id;
}

/**
 * An application straight into the table at `stage` (a rejection with a reason), with its first move; returns its id.
 * `interviewed` also records a move into the interview (an application past the sift).
 */
export async function insertApplication(
  t: TestApp,
  a: { candidateId: string; vacancyId: string; stage?: string; disabilityConfident?: boolean; interviewed?: boolean },
): Promise<string> {
  const stage = a.stage ?? 'applied';
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO applications (candidate_id, vacancy_id, stage, stage_entered_at, applied_at, rejection_reason,
                               disability_confident, disability_confident_at)
     VALUES ($1, $2, $3::varchar, now(), now(), CASE WHEN $3 = 'rejected' THEN 'Inserted rejection' END, $4,
             CASE WHEN $4 THEN now() END) RETURNING id`,
    [a.candidateId, a.vacancyId, stage, a.disabilityConfident ?? false],
  );
  await t.dataSource.query(
    `INSERT INTO application_stage_moves (application_id, from_stage, to_stage, moved_at) VALUES ($1, NULL, 'applied', now())`,
    [row!.id],
  );
  if (a.interviewed) {
    await t.dataSource.query(
      `INSERT INTO application_stage_moves (application_id, from_stage, to_stage, moved_at)
       VALUES ($1, 'sift', 'interview', now())`,
      [row!.id],
    );
  }
  return row!.id;
}

/** The skills the framework requires of a role level, each once at its highest required level. */
export async function requiredSkills(t: TestApp, roleLevelId: string): Promise<{ slug: string; level: number }[]> {
  return t.dataSource.query(
    `SELECT sk.slug, max(sr.required_level)::int AS level FROM skill_requirements sr JOIN skills sk ON sk.id = sr.skill_id
      WHERE sr.role_level_id = $1 GROUP BY sk.slug ORDER BY sk.slug`,
    [roleLevelId],
  );
}
