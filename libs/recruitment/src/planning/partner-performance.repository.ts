import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { ServiceLevelMetric } from './partner-service-level.entity.js';
import type { PartnerKind } from './partner.entity.js';

/** A partner as its performance needs it: who, and the contract's period (its end exclusive). */
export interface PerformancePartnerRow {
  id: string;
  name: string;
  kind: PartnerKind;
  contractStartsOn: string;
  contractEndsOn: string | null;
}

export interface ServiceLevelRow {
  partnerId: string;
  metric: ServiceLevelMetric;
  target: number;
}

/**
 * One of a partner's vacancies that has closed (its closing date before `day`), with what the partner's candidates
 * did there: how many applied, and the first day (Europe/London) one of their applications moved to interview.
 */
export interface PartnerVacancyRow {
  partnerId: string;
  vacancyId: string;
  closesOn: string;
  posts: number;
  applications: number;
  /** The first move to interview of an application from the partner's candidates (London date); null: none yet. */
  shortlistedOn: string | null;
}

/** How many offers to the partner's candidates ended each way in a month. */
export interface OfferOutcomeRow {
  partnerId: string;
  /** `YYYY-MM`. */
  month: string;
  accepted: number;
  declined: number;
  expired: number;
}

/**
 * The rows partner performance is measured from, for several partners at once (raw SQL: a report). Days are dates;
 * a moment (a move, an answer to an offer) falls on its Europe/London calendar day.
 */
@Injectable()
export class PartnerPerformanceRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  partners(ids: string[]): Promise<PerformancePartnerRow[]> {
    return this.txHost.tx.query<PerformancePartnerRow[]>(
      `SELECT id, name, kind, to_char(contract_starts_on, 'YYYY-MM-DD') AS "contractStartsOn",
              to_char(contract_ends_on, 'YYYY-MM-DD') AS "contractEndsOn"
         FROM partners WHERE id = ANY($1::uuid[]) ORDER BY name, id`,
      [ids],
    );
  }

  async serviceLevels(partnerIds: string[]): Promise<ServiceLevelRow[]> {
    const rows = await this.txHost.tx.query<{ partnerId: string; metric: ServiceLevelMetric; target: string }[]>(
      `SELECT partner_id AS "partnerId", metric, target::text AS target FROM partner_service_levels
        WHERE partner_id = ANY($1::uuid[]) ORDER BY partner_id, metric`,
      [partnerIds],
    );
    return rows.map((r) => ({ ...r, target: Number(r.target) }));
  }

  /**
   * The partners' vacancies (those of the campaigns each is on, advertised: neither drafts nor withdrawn) whose
   * closing date falls in [from, until) and before `day`, each with the applications from that partner's candidates.
   */
  vacancies(partnerIds: string[], from: string, until: string, day: string): Promise<PartnerVacancyRow[]> {
    return this.txHost.tx.query<PartnerVacancyRow[]>(
      `SELECT cp.partner_id AS "partnerId", v.id AS "vacancyId", to_char(v.closes_on, 'YYYY-MM-DD') AS "closesOn",
              v.posts, p.applications, to_char(p.shortlisted_on, 'YYYY-MM-DD') AS "shortlistedOn"
         FROM campaign_partners cp
         JOIN vacancies v ON v.campaign_id = cp.campaign_id
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS applications,
                 min((s.moved_at AT TIME ZONE 'Europe/London')::date) AS shortlisted_on
            FROM applications a
            JOIN candidates c ON c.id = a.candidate_id AND c.partner_id = cp.partner_id
            LEFT JOIN LATERAL (SELECT min(sm.moved_at) AS moved_at FROM application_stage_moves sm
                                WHERE sm.application_id = a.id AND sm.to_stage = 'interview') s ON true
           WHERE a.vacancy_id = v.id) p
        WHERE cp.partner_id = ANY($1::uuid[]) AND v.state IN ('open', 'closed')
          AND v.closes_on >= $2::date AND v.closes_on < $3::date AND v.closes_on < $4::date
        ORDER BY cp.partner_id, v.closes_on, v.id`,
      [partnerIds, from, until, day],
    );
  }

  /**
   * Offers to applications from the partners' candidates, by the month their outcome fell in: accepted or declined
   * on the day of the answer; expired the day after the last day to accept (`expires_on + 1`, when the daily job
   * expires it; a made offer already past that day counts as expired though the job has not run yet). Withdrawn and
   * open offers have no outcome.
   */
  offerOutcomes(partnerIds: string[], from: string, until: string, day: string): Promise<OfferOutcomeRow[]> {
    return this.txHost.tx.query<OfferOutcomeRow[]>(
      `WITH outcomes AS (
         SELECT c.partner_id,
                CASE WHEN o.state IN ('accepted', 'declined') THEN o.state ELSE 'expired' END AS outcome,
                CASE WHEN o.state IN ('accepted', 'declined') THEN (o.responded_at AT TIME ZONE 'Europe/London')::date
                     ELSE o.expires_on + 1 END AS outcome_on
           FROM offers o
           JOIN applications a ON a.id = o.application_id
           JOIN candidates c ON c.id = a.candidate_id
          WHERE c.partner_id = ANY($1::uuid[])
            AND (o.state IN ('accepted', 'declined', 'expired') OR (o.state = 'made' AND o.expires_on < $4::date)))
       SELECT partner_id AS "partnerId", to_char(outcome_on, 'YYYY-MM') AS month,
              count(*) FILTER (WHERE outcome = 'accepted')::int AS accepted,
              count(*) FILTER (WHERE outcome = 'declined')::int AS declined,
              count(*) FILTER (WHERE outcome = 'expired')::int AS expired
         FROM outcomes
        WHERE outcome_on >= $2::date AND outcome_on < $3::date
        GROUP BY partner_id, to_char(outcome_on, 'YYYY-MM')`,
      [partnerIds, from, until, day],
    );
  }
}
