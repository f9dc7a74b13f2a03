import {
  Seeder,
  TransactionHost,
  Transactional,
  type SeederHandler,
  type TransactionalAdapterTypeOrm,
} from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_PREFIX } from '../planning/planning-demo.seeder.js';

/** Every demo candidate's email is at this domain, and their name is "Demo candidate NNNN": plainly demo content. */
export const DEMO_CANDIDATE_DOMAIN = 'candidates.example';

/**
 * One row per demo application: the demo vacancies that take or took applications (open or closed), about 120 to 180
 * applications each, made when the vacancy was open, with draws from `hashtext()` over the vacancy's title and the
 * row number (so the same demo department gives the same spread). Specialist vacancies have an assessment stage.
 * Interim vacancies are shortlisted in one batch, late: their interviews start eight days after the close (at 10:00
 * UTC), past their supplier's five-day service level.
 */
const APPLICATIONS_SQL = `
  CREATE TEMP TABLE demo_applications ON COMMIT DROP AS
  WITH v AS (
    SELECT v.id AS vacancy_id, v.title, v.campaign_id, c.owner_user_id, v.opened_at,
           least(now(), (v.closes_on + 1)::timestamptz, coalesce(v.closed_at, now())) AS window_end,
           c.kind = 'specialist' AS assessment,
           CASE WHEN c.kind = 'interim' THEN (v.closes_on + 8 + time '10:00') AT TIME ZONE 'UTC' END AS shortlist_at,
           120 + abs(hashtext(v.title)) % 60 AS n,
           row_number() OVER (ORDER BY v.created_at, v.title) AS vn
      FROM vacancies v JOIN campaigns c ON c.id = v.campaign_id
     WHERE v.title LIKE $1 AND v.state IN ('open', 'closed') AND v.opened_at IS NOT NULL
  ), r AS (
    SELECT v.*, k, (row_number() OVER (ORDER BY v.vn, k) - 1)::int AS g
      FROM v CROSS JOIN generate_series(1, v.n) AS k
  )
  SELECT r.*, gen_random_uuid() AS id,
         r.opened_at + (r.window_end - r.opened_at) * ((abs(hashtext(r.title || ':at:' || r.k)) % 1000) / 1000.0)
           AS applied_at,
         abs(hashtext(r.title || ':fate:' || r.k)) % 100 AS fate,
         abs(hashtext(r.title || ':dc:' || r.k)) % 100 < 6 AS dc
    FROM r`;

/**
 * Each application's moves, in order, as realistic timings after it arrived (a rolling sift for these volumes): sift
 * two days on, interview a week on (or, where the shortlist comes in a batch, then: the interview and what follows
 * it wait for it), assessment after eleven days; only what has happened by now. The fate draw
 * decides the ending: 5 % not eligible (rejected from applied), 4 % withdraw during the sift, 46 % rejected at sift,
 * 25 % rejected at interview, the rest still going (at assessment where the vacancy has one). Offers, checks and
 * appointments are left to the offers part.
 */
const MOVES_SQL = `
  CREATE TEMP TABLE demo_moves ON COMMIT DROP AS
  SELECT d.id AS application_id, m.ord, m.from_stage, m.to_stage, t.at AS moved_at, m.reason,
         CASE WHEN m.ord > 1 THEN d.owner_user_id END AS moved_by_user_id
    FROM demo_applications d
    CROSS JOIN LATERAL (SELECT greatest(interval '0', d.shortlist_at - (d.applied_at + interval '7 days')) AS wait) w
    CROSS JOIN LATERAL (VALUES
      (1, NULL, 'applied', interval '0', NULL, true),
      (2, 'applied', 'rejected', interval '1 day', 'Not eligible: the advert asks for a right to work we cannot sponsor',
        d.fate < 5),
      (3, 'applied', 'sift', interval '2 days', NULL, d.fate >= 5),
      (4, 'sift', 'withdrawn', interval '3 days', 'Accepted another offer', d.fate BETWEEN 5 AND 8),
      (5, 'sift', 'rejected', interval '4 days', 'Below the minimum sift score', d.fate BETWEEN 9 AND 54),
      (6, 'sift', 'interview', interval '7 days', 'Met the minimum at sift', d.fate >= 55),
      (7, 'interview', 'rejected', interval '9 days', 'Other candidates were stronger at interview', d.fate BETWEEN 55 AND 79),
      (8, 'interview', 'assessment', interval '11 days', NULL, d.fate >= 80 AND d.assessment)
    ) AS m(ord, from_stage, to_stage, after, reason, chosen)
    CROSS JOIN LATERAL (SELECT d.applied_at + m.after + CASE WHEN m.ord >= 6 THEN coalesce(w.wait, interval '0')
                                                             ELSE interval '0' END AS at) t
   WHERE m.chosen AND t.at <= now()`;

/**
 * The demo department's candidates and applications (a demo seeder, after recruitment planning): about 1,500
 * applications to the open and closed demo vacancies, from about 1,400 candidates (some apply to two), spread over
 * the pipeline with every move recorded, the sift and interview scored by each vacancy's chair (below the minimum for
 * those rejected), and a few applicants who opted in to Disability Confident (never rejected at sift on a passing
 * score). Candidates are "Demo candidate NNNN" at candidates.example; some came through their campaign's partners.
 * Set-based SQL throughout; skipped when any candidate exists, and quietly when there is no demo vacancy.
 */
@Injectable()
@Seeder({ name: 'demo-recruitment-applications', order: 180, demo: true })
export class ApplicationsDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(ApplicationsDemoSeeder.name);

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    if ((await sql.query<unknown[]>('SELECT 1 FROM candidates LIMIT 1')).length > 0) return;
    await sql.query(APPLICATIONS_SQL, [`${DEMO_PREFIX}%`]);
    const [{ total } = { total: 0 }] = await sql.query<{ total: number }[]>(
      'SELECT count(*)::int AS total FROM demo_applications',
    );
    if (total === 0) return;
    // A candidate per application, less 8 %: candidate g mod C, so the first few hundred apply twice (to vacancies far
    // apart in the order, never one twice).
    const candidates = Math.ceil(total * 0.92);
    await sql.query(
      `CREATE TEMP TABLE demo_candidates ON COMMIT DROP AS
       SELECT g AS no, gen_random_uuid() AS id, d.campaign_id, d.applied_at
         FROM demo_applications d WHERE d.g < $1`,
      [candidates],
    );
    await sql.query(
      `INSERT INTO candidates (id, full_name, email, phone, partner_id, channel, university, course, graduation_year,
                               right_to_work, retention_consent, retention_consent_at, created_at, updated_at)
       SELECT c.id, 'Demo candidate ' || lpad((c.no + 1)::text, 4, '0'),
              'demo.candidate.' || lpad((c.no + 1)::text, 4, '0') || '@${DEMO_CANDIDATE_DOMAIN}',
              '+44 7700 9' || lpad((c.no % 100000)::text, 5, '0'),
              p.partner_id, CASE WHEN p.partner_id IS NULL THEN
                (ARRAY['civil-service-jobs', 'civil-service-jobs', 'job-board', 'social-media', 'referral', 'event',
                       'direct'])[1 + abs(hashtext('channel' || c.no)) % 7] END,
              (ARRAY['Thames University (demo)', 'Northern Metropolitan University (demo)', 'Midlands Institute (demo)',
                     'University of the West Coast (demo)', 'Open learning (demo)'])[1 + abs(hashtext('uni' || c.no)) % 5],
              (ARRAY['BSc Computer Science', 'BSc Data Science', 'BA Economics', 'MSc Software Engineering',
                     'BSc Mathematics', 'Digital apprenticeship (level 4)'])[1 + abs(hashtext('course' || c.no)) % 6],
              2018 + abs(hashtext('year' || c.no)) % 9,
              (ARRAY['confirmed', 'confirmed', 'confirmed', 'time-limited', 'not-yet-known'])[1 + abs(hashtext('rtw' || c.no)) % 5],
              abs(hashtext('consent' || c.no)) % 10 < 3,
              CASE WHEN abs(hashtext('consent' || c.no)) % 10 < 3 THEN c.applied_at END,
              c.applied_at, c.applied_at
         FROM demo_candidates c
         LEFT JOIN LATERAL (
           SELECT cp.partner_id FROM campaign_partners cp JOIN partners pa ON pa.id = cp.partner_id
            WHERE cp.campaign_id = c.campaign_id
            ORDER BY abs(hashtext(pa.name || c.no)), pa.name LIMIT 1) p ON abs(hashtext('source' || c.no)) % 100 < 45`,
    );
    await sql.query(MOVES_SQL);
    await sql.query(
      `INSERT INTO vacancy_pipeline_settings (vacancy_id, min_sift_score, has_assessment)
       SELECT DISTINCT vacancy_id, 4, true FROM demo_applications WHERE assessment
       ON CONFLICT (vacancy_id) DO NOTHING`,
    );
    await sql.query(
      `INSERT INTO applications (id, candidate_id, vacancy_id, stage, stage_entered_at, rejection_reason,
                                 disability_confident, disability_confident_at, applied_at, created_at, updated_at)
       SELECT d.id, c.id, d.vacancy_id, last.to_stage, last.moved_at,
              CASE WHEN last.to_stage = 'rejected' THEN last.reason END,
              d.dc, CASE WHEN d.dc THEN d.applied_at END, d.applied_at, d.applied_at, last.moved_at
         FROM demo_applications d
         JOIN demo_candidates c ON c.no = d.g % $1
         CROSS JOIN LATERAL (SELECT m.to_stage, m.moved_at, m.reason FROM demo_moves m
                              WHERE m.application_id = d.id ORDER BY m.ord DESC LIMIT 1) last`,
      [candidates],
    );
    await sql.query(
      `INSERT INTO application_stage_moves (application_id, from_stage, to_stage, moved_by_user_id, moved_at, reason)
       SELECT application_id, from_stage, to_stage, moved_by_user_id, moved_at, reason FROM demo_moves ORDER BY moved_at`,
    );
    // The chair scores three behaviours at each stage the application has been decided at (or reached, for the
    // interview): below the minimum for a rejection there, 4 to 6 otherwise.
    await sql.query(
      `INSERT INTO application_scores (application_id, stage, assessor_user_id, kind, criterion, score, scored_at)
       SELECT s.application_id, s.stage, pm.user_id, 'behaviour', b.criterion,
              CASE WHEN s.failed THEN 2 + abs(hashtext(s.application_id::text || b.criterion)) % 2
                   ELSE 4 + abs(hashtext(s.application_id::text || b.criterion)) % 3 END,
              s.scored_at
         FROM (SELECT m.application_id, m.from_stage AS stage, m.to_stage = 'rejected' AS failed,
                      m.moved_at - interval '1 hour' AS scored_at
                 FROM demo_moves m WHERE m.from_stage IN ('sift', 'interview') AND m.to_stage <> 'withdrawn') s
         JOIN applications a ON a.id = s.application_id
         JOIN vacancy_panel_members pm ON pm.vacancy_id = a.vacancy_id AND pm.is_chair
        CROSS JOIN unnest(ARRAY['working-together', 'delivering-at-pace', 'seeing-the-big-picture']) AS b(criterion)`,
    );
    this.logger.log(`Loaded ${total} demo applications from ${candidates} demo candidates`);
  }
}
