import {
  Seeder,
  TransactionHost,
  Transactional,
  type Actor,
  type SeederHandler,
  type TransactionalAdapterTypeOrm,
} from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_PREFIX } from '../planning/planning-demo.seeder.js';
import { ApplicationPermission } from './application-permissions.js';
import { ApplicationTransitionsService } from './application-transitions.service.js';
import { ApplicationsRepository } from './applications.repository.js';

/** How many demo appointments go through the transitions service (each creates a staff record through workforce). */
export const DEMO_APPOINTMENTS = 6;

/**
 * The demo applications that get offers: up to 8 per demo vacancy still at interview or assessment, chosen by a draw
 * from `hashtext()`, each given a bucket: 0 an offer made (pending), 1 declined, 2–3 accepted with the checks in
 * progress, 4 accepted with every check passed, ready for appointment. Times fall between the application's last move
 * and now: the move to offer and the offer at 30 % of the way, the answer at 60 %.
 */
const CHOSEN_SQL = `
  CREATE TEMP TABLE demo_offered ON COMMIT DROP AS
  SELECT a.id AS application_id, a.vacancy_id, c.owner_user_id, a.stage AS from_stage,
         a.stage_entered_at + (now() - a.stage_entered_at) * 0.3 AS offered_at,
         a.stage_entered_at + (now() - a.stage_entered_at) * 0.6 AS answered_at,
         (x.k - 1) % 5 AS bucket, x.k,
         v.salary_min + ((v.salary_max - v.salary_min) * (abs(hashtext(a.id::text || ':salary')) % 5) / 4) AS salary,
         (SELECT vl.location_id FROM vacancy_locations vl WHERE vl.vacancy_id = v.id ORDER BY vl.location_id LIMIT 1)
           AS location_id
    FROM (SELECT a.id, row_number() OVER (PARTITION BY a.vacancy_id ORDER BY abs(hashtext(a.id::text)), a.id) AS k
            FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
           WHERE v.title LIKE $1 AND a.stage IN ('interview', 'assessment')) x
    JOIN applications a ON a.id = x.id
    JOIN vacancies v ON v.id = a.vacancy_id JOIN campaigns c ON c.id = v.campaign_id
   WHERE x.k <= 8`;

/**
 * Offers, pre-employment checks and appointments for the demo department (a demo seeder, after the applications):
 * some demo applications past a passed interview (the chair's interview scores, 5 or 6) move to the offer stage and
 * get offers at a salary within the range: some pending, some declined, some accepted with their checks in progress
 * (accepted to start in a month or two, so the establishment summary counts offers awaiting start), and a few
 * appointed through the transitions service, which creates each staff record and role assignment through workforce
 * (starting today). Every move recorded. Set-based SQL but for the appointments; skipped when any offer exists.
 */
@Injectable()
@Seeder({ name: 'demo-recruitment-offers', order: 190, demo: true })
export class OffersDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(OffersDemoSeeder.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly applications: ApplicationsRepository,
    private readonly transitions: ApplicationTransitionsService,
  ) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    if ((await sql.query<unknown[]>('SELECT 1 FROM offers LIMIT 1')).length > 0) return;
    await sql.query(CHOSEN_SQL, [`${DEMO_PREFIX}%`]);
    const [{ total } = { total: 0 }] = await sql.query<{ total: number }[]>(
      'SELECT count(*)::int AS total FROM demo_offered',
    );
    if (total === 0) return;
    // The chair's interview scores: a pass (5 or 6) on three behaviours.
    await sql.query(
      `INSERT INTO application_scores (application_id, stage, assessor_user_id, kind, criterion, score, scored_at)
       SELECT d.application_id, 'interview', pm.user_id, 'behaviour', b.criterion,
              5 + abs(hashtext(d.application_id::text || b.criterion)) % 2, d.offered_at - interval '1 hour'
         FROM demo_offered d
         JOIN vacancy_panel_members pm ON pm.vacancy_id = d.vacancy_id AND pm.is_chair
        CROSS JOIN unnest(ARRAY['working-together', 'delivering-at-pace', 'seeing-the-big-picture']) AS b(criterion)
       ON CONFLICT DO NOTHING`,
    );
    await sql.query(
      `INSERT INTO application_stage_moves (application_id, from_stage, to_stage, moved_by_user_id, moved_at, reason)
       SELECT application_id, from_stage, 'offer', owner_user_id, offered_at, 'Passed the interview' FROM demo_offered
       UNION ALL
       SELECT application_id, 'offer', 'pre-employment-checks', owner_user_id, answered_at, 'Offer accepted'
         FROM demo_offered WHERE bucket >= 2`,
    );
    await sql.query(
      `INSERT INTO offers (application_id, state, salary, starts_on, expires_on, location_id, made_at, made_by_user_id,
                           responded_at, responded_by, response_recorded_by_user_id)
       SELECT application_id, CASE bucket WHEN 0 THEN 'made' WHEN 1 THEN 'declined' ELSE 'accepted' END, salary,
              CASE WHEN bucket = 4 THEN current_date ELSE current_date + 30 + k::int * 4 END,
              CASE WHEN bucket = 0 THEN current_date + 7 ELSE offered_at::date + 7 END,
              location_id, offered_at, owner_user_id,
              CASE WHEN bucket >= 1 THEN answered_at END, CASE WHEN bucket >= 1 THEN 'hr' END,
              CASE WHEN bucket >= 1 THEN owner_user_id END
         FROM demo_offered`,
    );
    // Checks: pending for the ones in progress (some already passed), all passed for those ready to appoint.
    await sql.query(
      `INSERT INTO pre_employment_checks (application_id, "check", state, decided_at, decided_by_user_id)
       SELECT d.application_id, ch.c, s.state, CASE WHEN s.state <> 'pending' THEN now() END,
              CASE WHEN s.state <> 'pending' THEN d.owner_user_id END
         FROM demo_offered d JOIN vacancies v ON v.id = d.vacancy_id
        CROSS JOIN LATERAL unnest(v.required_checks) AS ch(c)
        CROSS JOIN LATERAL (SELECT CASE WHEN d.bucket = 4 OR abs(hashtext(d.application_id::text || ch.c)) % 2 = 0
                                        THEN 'passed' ELSE 'pending' END AS state) s
        WHERE d.bucket >= 2`,
    );
    await sql.query(
      `UPDATE applications a
          SET stage = CASE WHEN d.bucket >= 2 THEN 'pre-employment-checks' ELSE 'offer' END,
              stage_entered_at = CASE WHEN d.bucket >= 2 THEN d.answered_at ELSE d.offered_at END,
              version = a.version + 1, updated_at = now()
         FROM demo_offered d WHERE d.application_id = a.id`,
    );
    // A few appointments through the service, as the HR persona (the campaign's owner): each creates a staff record
    // and its primary role assignment through workforce, linked to the application.
    const ready = await sql.query<{ application_id: string; owner_user_id: string }[]>(
      `SELECT application_id, owner_user_id FROM demo_offered WHERE bucket = 4 ORDER BY k, application_id LIMIT $1`,
      [DEMO_APPOINTMENTS],
    );
    for (const r of ready) {
      const application = (await this.applications.find(r.application_id, 'TRUE', [], true))!;
      await this.transitions.moveLocked(demoHr(r.owner_user_id), application, {
        to: 'appointed',
        reason: 'Every pre-employment check passed',
      });
    }
    this.logger.log(`Made ${total} demo offers; ${ready.length} demo appointments`);
  }
}

/** The HR persona, with the grants appointment uses (recruitment's, and workforce's role assignment). */
function demoHr(userId: string): Actor {
  return {
    userId,
    roles: ['hr'],
    staffId: null,
    roleFamilies: [],
    permissions: {
      [ApplicationPermission.Manage]: ['any'],
      'staff:read': ['any'],
      'staff:create': ['any'],
      'role-assignment:create': ['any'],
    },
  };
}
