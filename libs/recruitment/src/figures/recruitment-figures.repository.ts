import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { FUNNEL_STAGES } from './funnel.js';

/**
 * Which applications the figures cover: the campaign, the vacancy and the role family (of the vacancy's role level)
 * asked for, applications made (`applied_at`) from `from` to `to` (whole days, UTC, both inclusive), and the families
 * the reader may see (null: all).
 */
export interface FiguresFilter {
  campaignId: string | null;
  vacancyId: string | null;
  roleFamily: string | null;
  from: string | null;
  to: string | null;
  families: string[] | null;
  /** The day "now" is for retention and people in post (`YYYY-MM-DD`). */
  today: string;
}

/** One funnel (every application in the filter, a campaign's or a vacancy's) as counted in SQL. */
export interface FunnelCounts {
  campaignId: string | null;
  vacancyId: string | null;
  /** Per stage of `FUNNEL_STAGES`: applications that ever reached it or a later one. */
  reached: number[];
  /** Per stage of `FUNNEL_STAGES`: applications rejected, or withdrawn, from it. */
  rejectedFrom: number[];
  withdrawnFrom: number[];
  reserveListed: number;
  rejected: number;
  withdrawn: number;
}

export interface Spread {
  count: number;
  medianDays: number | null;
  p25Days: number | null;
  p75Days: number | null;
}

export interface StageStay {
  stage: string;
  count: number;
  medianDays: number | null;
}

export interface SourceCounts {
  partnerId: string | null;
  partnerName: string | null;
  channel: string | null;
  applications: number;
  withOffer: number;
  appointed: number;
  /** Appointed whose appointment (the staff record's start date) is at least 12 months ago. */
  appointedYearAgo: number;
  /** Of those, still in post 12 months after it (no leaving date on or before then). */
  stillInPost: number;
}

export interface CampaignHires {
  campaignId: string;
  title: string;
  kind: string;
  state: string;
  targetHires: number;
  appointed: number;
  acceptedAwaitingAppointment: number;
}

export interface ConversionCounts {
  roleFamily: string;
  permanentAppointments: number;
  convertedPosts: number;
  interimInPost: number;
  contractorInPost: number;
}

const FAMILY_JOIN = `JOIN role_levels rl ON rl.id = v.role_level_id JOIN roles r ON r.id = rl.role_id
  JOIN role_families rf ON rf.id = r.role_family_id`;

/** The bind values every application-based figure starts from ($1–$6). */
function appValues(f: FiguresFilter): unknown[] {
  return [f.campaignId, f.vacancyId, f.roleFamily, f.families, f.from, f.to];
}

/** `vacs` (the vacancies in the filter) and `apps` (their applications made in the period), over $1–$6. */
const BASE = `vacs AS (
    SELECT v.id, v.campaign_id, v.unit_id, rl.slug AS level_slug, rf.slug AS family FROM vacancies v ${FAMILY_JOIN}
     WHERE ($1::uuid IS NULL OR v.campaign_id = $1::uuid) AND ($2::uuid IS NULL OR v.id = $2::uuid)
       AND ($3::text IS NULL OR rf.slug = $3::text) AND ($4::text[] IS NULL OR rf.slug = ANY($4::text[]))),
  apps AS (
    SELECT a.id, a.vacancy_id, vs.campaign_id, a.stage, a.applied_at, a.staff_id, a.candidate_id
      FROM applications a JOIN vacs vs ON vs.id = a.vacancy_id
     WHERE ($5::date IS NULL OR a.applied_at >= $5::date) AND ($6::date IS NULL OR a.applied_at < $6::date + 1))`;

const STAGES_SQL = `ARRAY[${FUNNEL_STAGES.map((s) => `'${s}'`).join(', ')}]::text[]`;

/** Days between two timestamptz expressions, as double precision. */
const days = (later: string, earlier: string) => `(extract(epoch FROM (${later} - ${earlier})) / 86400)::float8`;
/** A percentile of `expr` over the group, rounded to 1 decimal (half away from zero). */
const percentile = (fraction: number, expr: string) =>
  `round((percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${expr}))::numeric, 1)::float8`;

/**
 * The recruitment figures' SQL: read-only queries over applications, their moves and offers, candidates' sources
 * (never their personal data), campaigns and vacancies, and workforce's staff and role assignments (read-only, for
 * appointments still in post and interim and contractor engagements).
 */
@Injectable()
export class RecruitmentFiguresRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Funnels for every application in the filter (campaign and vacancy null), per campaign (vacancy null) and per
   * vacancy. An application reached a stage of `FUNNEL_STAGES` when it ever moved into it or into a later one (or
   * stands there now); the reserve list, rejection and withdrawal are counted apart, the last two per stage left.
   */
  async funnels(f: FiguresFilter): Promise<FunnelCounts[]> {
    const stageCols = FUNNEL_STAGES.map(
      (s, i) => `count(*) FILTER (WHERE p.furthest >= ${i + 1})::int AS "r${i}",
        count(*) FILTER (WHERE p.rejected_from = '${s}')::int AS "x${i}",
        count(*) FILTER (WHERE p.withdrawn_from = '${s}')::int AS "w${i}"`,
    ).join(',\n');
    const rows = await this.txHost.tx.query<Record<string, unknown>[]>(
      `WITH ${BASE},
       moves AS (
         SELECT m.application_id, max(array_position(${STAGES_SQL}, m.to_stage::text)) AS furthest,
                bool_or(m.to_stage = 'reserve') AS reserved,
                max(m.from_stage) FILTER (WHERE m.to_stage = 'rejected') AS rejected_from,
                max(m.from_stage) FILTER (WHERE m.to_stage = 'withdrawn') AS withdrawn_from
           FROM application_stage_moves m JOIN apps a ON a.id = m.application_id
          GROUP BY m.application_id),
       per_app AS (
         SELECT a.campaign_id, a.vacancy_id, a.stage,
                greatest(coalesce(mv.furthest, 1), coalesce(array_position(${STAGES_SQL}, a.stage::text), 1)) AS furthest,
                coalesce(mv.reserved, false) OR a.stage = 'reserve' AS reserved,
                mv.rejected_from, mv.withdrawn_from
           FROM apps a LEFT JOIN moves mv ON mv.application_id = a.id)
       SELECT p.campaign_id AS "campaignId", p.vacancy_id AS "vacancyId",
              grouping(p.campaign_id)::int AS g_campaign, grouping(p.vacancy_id)::int AS g_vacancy,
              ${stageCols},
              count(*) FILTER (WHERE p.reserved)::int AS reserve,
              count(*) FILTER (WHERE p.stage = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE p.stage = 'withdrawn')::int AS withdrawn
         FROM per_app p
        GROUP BY GROUPING SETS ((), (p.campaign_id), (p.campaign_id, p.vacancy_id))
        ORDER BY g_campaign DESC, g_vacancy DESC, p.campaign_id, p.vacancy_id`,
      appValues(f),
    );
    return rows.map((r) => ({
      campaignId: r['g_campaign'] === 1 ? null : (r['campaignId'] as string),
      vacancyId: r['g_vacancy'] === 1 ? null : (r['vacancyId'] as string),
      reached: FUNNEL_STAGES.map((_, i) => r[`r${i}`] as number),
      rejectedFrom: FUNNEL_STAGES.map((_, i) => r[`x${i}`] as number),
      withdrawnFrom: FUNNEL_STAGES.map((_, i) => r[`w${i}`] as number),
      reserveListed: r['reserve'] as number,
      rejected: r['rejected'] as number,
      withdrawn: r['withdrawn'] as number,
    }));
  }

  /** The titles of campaigns and vacancies (no personal data), for labelling funnels. */
  async titles(campaignIds: string[], vacancyIds: string[]): Promise<Map<string, { title: string; kind?: string }>> {
    const rows = await this.txHost.tx.query<{ id: string; title: string; kind: string | null }[]>(
      `SELECT id, title, kind FROM campaigns WHERE id = ANY($1::uuid[])
       UNION ALL SELECT v.id, v.title, NULL FROM vacancies v WHERE v.id = ANY($2::uuid[])`,
      [campaignIds, vacancyIds],
    );
    return new Map(rows.map((r) => [r.id, { title: r.title, ...(r.kind ? { kind: r.kind } : {}) }]));
  }

  /** Days from an application being made to its offer being accepted, over every accepted offer in the filter. */
  async timeToHire(f: FiguresFilter): Promise<Spread> {
    const d = days('o.responded_at', 'a.applied_at');
    const [row] = await this.txHost.tx.query<Spread[]>(
      `WITH ${BASE}
       SELECT count(*)::int AS count, ${percentile(0.5, d)} AS "medianDays", ${percentile(0.25, d)} AS "p25Days",
              ${percentile(0.75, d)} AS "p75Days"
         FROM offers o JOIN apps a ON a.id = o.application_id
        WHERE o.state = 'accepted'`,
      appValues(f),
    );
    return row!;
  }

  /**
   * Per stage, the completed stays in it: from the move into it to the application's next move (a stay still going
   * on, the current stage, is left out).
   */
  async timeInStage(f: FiguresFilter): Promise<StageStay[]> {
    return this.txHost.tx.query<StageStay[]>(
      `WITH ${BASE},
       stays AS (
         SELECT m.to_stage AS stage,
                ${days('lead(m.moved_at) OVER (PARTITION BY m.application_id ORDER BY m.moved_at, m.id)', 'm.moved_at')} AS d
           FROM application_stage_moves m JOIN apps a ON a.id = m.application_id)
       SELECT stage, count(*)::int AS count, ${percentile(0.5, 'd')} AS "medianDays"
         FROM stays WHERE d IS NOT NULL GROUP BY stage`,
      appValues(f),
    );
  }

  /** Offers to applications in the filter, by state. */
  async offersByState(f: FiguresFilter): Promise<Map<string, number>> {
    const rows = await this.txHost.tx.query<{ state: string; n: number }[]>(
      `WITH ${BASE}
       SELECT o.state, count(*)::int AS n FROM offers o JOIN apps a ON a.id = o.application_id GROUP BY o.state`,
      appValues(f),
    );
    return new Map(rows.map((r) => [r.state, r.n]));
  }

  /**
   * Per source (a partner, or a channel): applications, those with an offer (any state), appointed, appointed at
   * least 12 months before `today` (by the staff record's start date), and of those still in post 12 months after
   * it (the staff record's leaving date, when there is one, later than that).
   */
  async outcomesBySource(f: FiguresFilter): Promise<SourceCounts[]> {
    return this.txHost.tx.query<SourceCounts[]>(
      `WITH ${BASE},
       src AS (
         SELECT c.partner_id, c.channel, a.stage,
                EXISTS (SELECT 1 FROM offers o WHERE o.application_id = a.id) AS offered,
                s.start_date, s.leaving_date
           FROM apps a JOIN candidates c ON c.id = a.candidate_id LEFT JOIN staff s ON s.id = a.staff_id)
       SELECT src.partner_id AS "partnerId", p.name AS "partnerName", src.channel,
              count(*)::int AS applications, count(*) FILTER (WHERE offered)::int AS "withOffer",
              count(*) FILTER (WHERE stage = 'appointed')::int AS appointed,
              count(*) FILTER (WHERE stage = 'appointed' AND start_date <= ($7::date - interval '12 months'))::int
                AS "appointedYearAgo",
              count(*) FILTER (WHERE stage = 'appointed' AND start_date <= ($7::date - interval '12 months')
                AND (leaving_date IS NULL OR leaving_date > start_date + interval '12 months'))::int AS "stillInPost"
         FROM src LEFT JOIN partners p ON p.id = src.partner_id
        GROUP BY src.partner_id, p.name, src.channel
        ORDER BY p.name NULLS LAST, src.channel`,
      [...appValues(f), f.today],
    );
  }

  /**
   * Open and closed campaigns in the filter and scope (a campaign in scope when `scopeSql`, over `c`, admits it)
   * with their hires over every vacancy: appointed applications, and applications holding an accepted offer not yet
   * appointed (nor rejected or withdrawn since). `values` are `scopeSql`'s binds, from $1.
   */
  /**
   * The partners on the campaigns in the filter and the scope (`scopeSql` over campaigns `c`); `everyPartner` adds
   * those on no campaign in the filter (for a reader of every campaign who asked for none in particular).
   */
  async partnersOf(f: FiguresFilter, scopeSql: string, values: unknown[], everyPartner: boolean): Promise<string[]> {
    const n = values.length;
    const rows = await this.txHost.tx.query<{ id: string }[]>(
      `SELECT p.id FROM partners p
        WHERE $${n + 4}::boolean
           OR EXISTS (
             SELECT 1 FROM campaign_partners cp JOIN campaigns c ON c.id = cp.campaign_id
              WHERE cp.partner_id = p.id AND ${scopeSql}
                AND ($${n + 1}::uuid IS NULL OR c.id = $${n + 1}::uuid)
                AND ($${n + 2}::uuid IS NULL OR EXISTS (SELECT 1 FROM vacancies fv WHERE fv.id = $${n + 2}::uuid AND fv.campaign_id = c.id))
                AND ($${n + 3}::text IS NULL OR EXISTS (SELECT 1 FROM vacancies v ${FAMILY_JOIN}
                      WHERE v.campaign_id = c.id AND rf.slug = $${n + 3}::text)))
        ORDER BY p.name, p.id`,
      [...values, f.campaignId, f.vacancyId, f.roleFamily, everyPartner],
    );
    return rows.map((r) => r.id);
  }

  async campaignHires(f: FiguresFilter, scopeSql: string, values: unknown[]): Promise<CampaignHires[]> {
    const n = values.length;
    return this.txHost.tx.query<CampaignHires[]>(
      `SELECT c.id AS "campaignId", c.title, c.kind, c.state, c.target_hires AS "targetHires",
              count(a.id) FILTER (WHERE a.stage = 'appointed')::int AS appointed,
              count(a.id) FILTER (WHERE a.stage NOT IN ('appointed', 'rejected', 'withdrawn') AND EXISTS
                (SELECT 1 FROM offers o WHERE o.application_id = a.id AND o.state = 'accepted'))::int
                AS "acceptedAwaitingAppointment"
         FROM campaigns c LEFT JOIN vacancies v ON v.campaign_id = c.id LEFT JOIN applications a ON a.vacancy_id = v.id
        WHERE c.state IN ('open', 'closed') AND ${scopeSql}
          AND ($${n + 1}::uuid IS NULL OR c.id = $${n + 1}::uuid)
          AND ($${n + 2}::uuid IS NULL OR EXISTS (SELECT 1 FROM vacancies fv WHERE fv.id = $${n + 2}::uuid AND fv.campaign_id = c.id))
          AND ($${n + 3}::text IS NULL OR EXISTS (SELECT 1 FROM vacancies v ${FAMILY_JOIN}
                WHERE v.campaign_id = c.id AND rf.slug = $${n + 3}::text))
        GROUP BY c.id
        ORDER BY c.title, c.id`,
      [...values, f.campaignId, f.vacancyId, f.roleFamily],
    );
  }

  /**
   * Per role family: permanent appointments in the filter; those into a unit and role level (by slug) where an
   * interim or contractor engagement (the staff member's latest primary role level) ended within 3 months either
   * side of the new hire's start; and interim and contractor staff in post on `today` by their current primary role
   * level (within the role family asked for and the reader's families, whatever the campaign, vacancy or period).
   */
  async conversions(f: FiguresFilter): Promise<ConversionCounts[]> {
    return this.txHost.tx.query<ConversionCounts[]>(
      `WITH ${BASE},
       hires AS (
         SELECT vs.family, vs.unit_id, vs.level_slug, s.start_date
           FROM apps a JOIN vacs vs ON vs.id = a.vacancy_id JOIN staff s ON s.id = a.staff_id
          WHERE a.stage = 'appointed' AND s.employment_type = 'permanent'),
       ended AS (
         SELECT s.unit_id, s.leaving_date, last.slug AS level_slug
           FROM staff s
           JOIN LATERAL (SELECT rl.slug FROM role_assignments ra JOIN role_levels rl ON rl.id = ra.role_level_id
                          WHERE ra.staff_id = s.id AND ra.is_primary ORDER BY ra.starts_on DESC LIMIT 1) last ON true
          WHERE s.employment_type IN ('interim', 'contractor') AND s.leaving_date IS NOT NULL),
       converted AS (
         SELECT h.family, count(*)::int AS permanent,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ended e
                  WHERE e.unit_id = h.unit_id AND e.level_slug = h.level_slug
                    AND e.leaving_date BETWEEN h.start_date - interval '3 months' AND h.start_date + interval '3 months'))::int
                  AS converted
           FROM hires h GROUP BY h.family),
       in_post AS (
         SELECT rf.slug AS family, count(*) FILTER (WHERE s.employment_type = 'interim')::int AS interim,
                count(*) FILTER (WHERE s.employment_type = 'contractor')::int AS contractor
           FROM staff s
           JOIN role_levels rl ON rl.id = (SELECT ra.role_level_id FROM role_assignments ra
                 WHERE ra.staff_id = s.id AND ra.is_primary AND ra.starts_on <= $7::date
                   AND (ra.ends_on IS NULL OR ra.ends_on > $7::date) ORDER BY ra.starts_on DESC LIMIT 1)
           JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
          WHERE s.employment_type IN ('interim', 'contractor')
            AND (s.start_date IS NULL OR s.start_date <= $7::date) AND (s.leaving_date IS NULL OR s.leaving_date > $7::date)
            AND ($3::text IS NULL OR rf.slug = $3::text) AND ($4::text[] IS NULL OR rf.slug = ANY($4::text[]))
          GROUP BY rf.slug)
       SELECT coalesce(c.family, i.family) AS "roleFamily", coalesce(c.permanent, 0) AS "permanentAppointments",
              coalesce(c.converted, 0) AS "convertedPosts", coalesce(i.interim, 0) AS "interimInPost",
              coalesce(i.contractor, 0) AS "contractorInPost"
         FROM converted c FULL JOIN in_post i ON i.family = c.family
        ORDER BY 1`,
      [...appValues(f), f.today],
    );
  }

  /** Whether `slug` is a role family of the current framework version. */
  async currentFamily(slug: string): Promise<boolean> {
    const rows = await this.txHost.tx.query<unknown[]>(
      `SELECT 1 FROM role_families rf JOIN framework_versions v ON v.id = rf.version_id AND v.is_current
        WHERE rf.slug = $1`,
      [slug],
    );
    return rows.length > 0;
  }
}
