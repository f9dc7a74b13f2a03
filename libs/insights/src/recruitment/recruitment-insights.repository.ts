import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { currentPrimaryAssignmentSql } from '@capability/workforce';
import { Injectable } from '@nestjs/common';

/** One role level's raw counts for gap closure (before suppression). */
export interface LevelGapCounts {
  roleFamily: string;
  roleLevel: string;
  roleLevelName: string;
  inPost: number;
  withGaps: number;
  openVacancies: number;
  openPosts: number;
  acceptedOffers: number;
  livePipeline: number;
}

export interface ClosedCycleRef {
  id: string;
  name: string;
}

/** Stages an application is still moving in before an offer is accepted (recruitment's open stages). */
const LIVE_STAGES = `('applied', 'sift', 'interview', 'assessment', 'reserve', 'offer', 'pre-employment-checks')`;

/**
 * Gap closure per role level, over the staff records, the skills reviews and recruitment's vacancies, applications
 * and offers (read here, owned there). Role levels by slug (stable across framework versions) within their family.
 */
@Injectable()
export class RecruitmentInsightsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** The cycle closed last (ties by id, so the answer is stable). */
  async latestClosedCycle(): Promise<ClosedCycleRef | null> {
    const [row] = await this.txHost.tx.query<ClosedCycleRef[]>(
      `SELECT id, name FROM review_cycles WHERE state = 'closed' ORDER BY closed_at DESC, id DESC LIMIT 1`,
    );
    return row ?? null;
  }

  /**
   * Per role level (families limited to `families` when given): the people in post on `day` at it (primary role),
   * those of them with at least one requirement unmet (validated level below the required one, validated review) in
   * `cycleId`; the open vacancies at it and their posts; of the open or closed vacancies at it, the applications with
   * an accepted offer not yet appointed, and the live pipeline (applications in an open stage without an accepted
   * offer). Vacancies of `campaignId` only, when given.
   */
  async levels(
    day: string,
    families: string[] | null,
    campaignId: string | null,
    cycleId: string | null,
  ): Promise<LevelGapCounts[]> {
    return this.txHost.tx.query<LevelGapCounts[]>(
      `WITH levels AS (
         SELECT rl.id, rl.slug, rf.slug AS family FROM role_levels rl
           JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id),
       gaps AS (
         SELECT DISTINCT r.staff_id FROM skill_reviews r JOIN skill_review_ratings rr ON rr.review_id = r.id
          WHERE r.cycle_id = $4::uuid AND r.state = 'validated' AND rr.required_level IS NOT NULL
            AND rr.validated_level IS NOT NULL AND rr.validated_level < rr.required_level),
       people AS (
         SELECT l.slug, l.family, count(*)::int AS in_post,
                count(*) FILTER (WHERE s.id IN (SELECT staff_id FROM gaps))::int AS with_gaps
           FROM staff s JOIN levels l ON l.id = ${currentPrimaryAssignmentSql('s', '$1::date', 'ra.role_level_id')}
          WHERE (s.start_date IS NULL OR s.start_date <= $1::date) AND (s.leaving_date IS NULL OR s.leaving_date > $1::date)
          GROUP BY l.slug, l.family),
       vacs AS (
         SELECT v.id, v.state, v.posts, l.slug, l.family FROM vacancies v JOIN levels l ON l.id = v.role_level_id
          WHERE v.state IN ('open', 'closed') AND ($3::uuid IS NULL OR v.campaign_id = $3::uuid)),
       vac_counts AS (
         SELECT slug, family, count(*) FILTER (WHERE state = 'open')::int AS open_vacancies,
                coalesce(sum(posts) FILTER (WHERE state = 'open'), 0)::int AS open_posts
           FROM vacs GROUP BY slug, family),
       apps AS (
         SELECT vs.slug, vs.family, a.stage,
                EXISTS (SELECT 1 FROM offers o WHERE o.application_id = a.id AND o.state = 'accepted') AS accepted
           FROM applications a JOIN vacs vs ON vs.id = a.vacancy_id),
       app_counts AS (
         SELECT slug, family,
                count(*) FILTER (WHERE accepted AND stage IN ${LIVE_STAGES})::int AS accepted_offers,
                count(*) FILTER (WHERE NOT accepted AND stage IN ${LIVE_STAGES})::int AS live_pipeline
           FROM apps GROUP BY slug, family),
       keys AS (SELECT slug, family FROM people UNION SELECT slug, family FROM vac_counts
                UNION SELECT slug, family FROM app_counts),
       named AS (
         SELECT DISTINCT ON (rl.slug) rl.slug, rl.name FROM role_levels rl
           JOIN framework_versions fv ON fv.id = rl.version_id
          ORDER BY rl.slug, fv.is_current DESC, fv.number DESC)
       SELECT k.family AS "roleFamily", k.slug AS "roleLevel", n.name AS "roleLevelName",
              coalesce(p.in_post, 0) AS "inPost", coalesce(p.with_gaps, 0) AS "withGaps",
              coalesce(v.open_vacancies, 0) AS "openVacancies", coalesce(v.open_posts, 0) AS "openPosts",
              coalesce(a.accepted_offers, 0) AS "acceptedOffers", coalesce(a.live_pipeline, 0) AS "livePipeline"
         FROM keys k JOIN named n ON n.slug = k.slug
         LEFT JOIN people p ON p.slug = k.slug AND p.family = k.family
         LEFT JOIN vac_counts v ON v.slug = k.slug AND v.family = k.family
         LEFT JOIN app_counts a ON a.slug = k.slug AND a.family = k.family
        WHERE $2::text[] IS NULL OR k.family = ANY($2::text[])
        ORDER BY k.family COLLATE "C", k.slug COLLATE "C"`,
      [day, families, campaignId, cycleId],
    );
  }
}
