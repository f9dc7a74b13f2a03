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
 * An application straight into the table at `stage` (a rejection with a reason, an appointment with a staff record),
 * with its first move; returns its id.
 * `interviewed` also records a move into the interview (an application past the sift).
 */
export async function insertApplication(
  t: TestApp,
  a: { candidateId: string; vacancyId: string; stage?: string; disabilityConfident?: boolean; interviewed?: boolean },
): Promise<string> {
  const stage = a.stage ?? 'applied';
  // An appointed application has its staff record (in the vacancy's unit).
  const staff =
    stage === 'appointed'
      ? await t.dataSource.query<{ id: string }[]>(
          `INSERT INTO staff (staff_number, full_name, unit_id, employment_type, start_date)
           SELECT 'APP-' || left(gen_random_uuid()::text, 8), 'Inserted appointee', unit_id, 'permanent', current_date
             FROM vacancies WHERE id = $1 RETURNING id`,
          [a.vacancyId],
        )
      : [];
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO applications (candidate_id, vacancy_id, stage, stage_entered_at, applied_at, rejection_reason,
                               disability_confident, disability_confident_at, staff_id)
     VALUES ($1, $2, $3::varchar, now(), now(), CASE WHEN $3 = 'rejected' THEN 'Inserted rejection' END, $4,
             CASE WHEN $4 THEN now() END, $5) RETURNING id`,
    [a.candidateId, a.vacancyId, stage, a.disabilityConfident ?? false, staff[0]?.id ?? null],
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

/** Interview behaviour scores straight into the table: one assessor giving every Success Profiles behaviour `score`. */
export async function insertInterviewScores(
  t: TestApp,
  applicationId: string,
  assessorUserId: string,
  score: number,
): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO application_scores (application_id, stage, assessor_user_id, kind, criterion, score, scored_at)
     SELECT $1, 'interview', $2, 'behaviour', b, $3, now()
       FROM unnest(ARRAY['working-together', 'delivering-at-pace', 'communicating-and-influencing']) AS b`,
    [applicationId, assessorUserId, score],
  );
}

/**
 * An accepted offer straight into the table (salary 45,000, starting `startsOn`, today by default) and, with
 * `checks`, the vacancy's required checks in that state; returns the offer's id.
 */
export async function insertAcceptedOffer(
  t: TestApp,
  applicationId: string,
  o: { startsOn?: string; checks?: 'pending' | 'passed' | 'failed' } = {},
): Promise<string> {
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO offers (application_id, state, salary, starts_on, expires_on, made_at, responded_at, responded_by)
     VALUES ($1, 'accepted', 45000, coalesce($2::date, current_date), coalesce($2::date, current_date), now(), now(),
             'hr') RETURNING id`,
    [applicationId, o.startsOn ?? null],
  );
  if (o.checks) {
    await t.dataSource.query(
      `INSERT INTO pre_employment_checks (application_id, "check", state, decided_at)
       SELECT a.id, unnest(v.required_checks), $2::varchar, CASE WHEN $2 <> 'pending' THEN now() END
         FROM applications a JOIN vacancies v ON v.id = a.vacancy_id WHERE a.id = $1`,
      [applicationId, o.checks],
    );
  }
  return row!.id;
}

/**
 * Makes a move the pipeline's table allows pass its guards too: a passed interview before an offer, an accepted offer
 * before the checks, every check passed before appointment.
 */
export async function readyFor(t: TestApp, applicationId: string, to: string, assessorUserId: string): Promise<void> {
  if (to === 'offer') await insertInterviewScores(t, applicationId, assessorUserId, 5);
  if (to === 'pre-employment-checks') await insertAcceptedOffer(t, applicationId);
  if (to === 'appointed') await insertAcceptedOffer(t, applicationId, { checks: 'passed' });
}
