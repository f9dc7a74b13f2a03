import { entityFromRaw, TransactionalAdapterTypeOrm, TransactionHost, updateIfVersion } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { CampaignKind } from '../planning/campaign.entity.js';
import { PRE_EMPLOYMENT_CHECKS, type PreEmploymentCheck, type VacancyState } from '../planning/vacancy.entity.js';
import type { Application } from './application.entity.js';
import { Offer } from './offer.entity.js';
import { PreEmploymentCheckRow } from './pre-employment-check.entity.js';

export type NewOfferRow = Pick<
  Offer,
  'applicationId' | 'salary' | 'startsOn' | 'expiresOn' | 'locationId' | 'madeAt' | 'madeByUserId'
>;
export type OfferPatch = Partial<
  Pick<Offer, 'state' | 'respondedAt' | 'respondedBy' | 'responseRecordedByUserId' | 'withdrawnAt' | 'withdrawalReason'>
>;
export type CheckPatch = Partial<Pick<PreEmploymentCheckRow, 'state' | 'decidedAt' | 'decidedByUserId' | 'note'>>;

/** What offers, checks, appointment and reserve placements need of a vacancy. */
export interface VacancyTerms {
  id: string;
  title: string;
  state: VacancyState;
  campaignId: string;
  campaignKind: CampaignKind;
  roleLevelId: string;
  unitId: string;
  gradeId: string;
  salaryMin: number;
  salaryMax: number;
  requiredChecks: PreEmploymentCheck[];
  reserveListMonths: number;
  /** Its locations (by id). */
  locationIds: string[];
}

const PRE_EMPLOYMENT_CHECK_ORDER: string[] = [...PRE_EMPLOYMENT_CHECKS];

/** Offers and pre-employment checks: SQL over `offers` and `pre_employment_checks`. */
@Injectable()
export class OffersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get offers() {
    return this.txHost.tx.getRepository(Offer);
  }

  private get checks() {
    return this.txHost.tx.getRepository(PreEmploymentCheckRow);
  }

  /** The offer; `lock` locks it (`FOR UPDATE`). */
  find(id: string, lock = false): Promise<Offer | null> {
    return this.offers.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The application's live offer (made or accepted), if any. */
  async live(applicationId: string): Promise<Offer | null> {
    return this.offers.findOne({
      where: [
        { applicationId, state: 'made' },
        { applicationId, state: 'accepted' },
      ],
    });
  }

  async accepted(applicationId: string): Promise<Offer | null> {
    return this.offers.findOne({ where: { applicationId, state: 'accepted' } });
  }

  /** Every offer of an application, newest first. */
  forApplication(applicationId: string): Promise<Offer[]> {
    return this.offers.find({ where: { applicationId }, order: { madeAt: 'DESC', id: 'DESC' } });
  }

  /** The offer with its location (for the candidate's own view). */
  findWithLocation(id: string): Promise<Offer | null> {
    return this.offers.findOne({ where: { id }, relations: { location: true } });
  }

  /** Every offer of an application, newest first, with its location (for the candidate's own view). */
  forApplicationWithLocation(applicationId: string): Promise<Offer[]> {
    return this.offers.find({
      where: { applicationId },
      relations: { location: true },
      order: { madeAt: 'DESC', id: 'DESC' },
    });
  }

  async insert(row: NewOfferRow): Promise<string> {
    const result = await this.offers.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  async updateIfVersion(id: string, version: number, patch: OfferPatch): Promise<boolean> {
    return (await updateIfVersion(this.offers, id, version, patch)) !== null;
  }

  async vacancyTerms(vacancyId: string): Promise<VacancyTerms | null> {
    const rows: VacancyTerms[] = await this.txHost.tx.query(
      `SELECT v.id, v.title, v.state, v.campaign_id AS "campaignId", c.kind AS "campaignKind",
              v.role_level_id AS "roleLevelId", v.unit_id AS "unitId", v.grade_id AS "gradeId",
              v.salary_min AS "salaryMin", v.salary_max AS "salaryMax", v.required_checks AS "requiredChecks",
              v.reserve_list_months AS "reserveListMonths",
              coalesce((SELECT array_agg(vl.location_id ORDER BY vl.location_id) FROM vacancy_locations vl
                         WHERE vl.vacancy_id = v.id), '{}') AS "locationIds"
         FROM vacancies v JOIN campaigns c ON c.id = v.campaign_id WHERE v.id = $1`,
      [vacancyId],
    );
    return rows[0] ?? null;
  }

  /** The candidate's name (the staff record's). */
  async candidateName(applicationId: string): Promise<string> {
    const [row] = await this.txHost.tx.query<{ full_name: string }[]>(
      'SELECT c.full_name FROM applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.id = $1',
      [applicationId],
    );
    return row!.full_name;
  }

  /** Creates the vacancy's required checks for the application, pending (those it has already are kept). */
  async insertPendingChecks(applicationId: string, vacancyId: string): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO pre_employment_checks (application_id, "check")
       SELECT $1, unnest(required_checks) FROM vacancies WHERE id = $2
       ON CONFLICT (application_id, "check") DO NOTHING`,
      [applicationId, vacancyId],
    );
  }

  /** The application's checks, in the order of the fixed list. */
  async checksOf(applicationId: string): Promise<PreEmploymentCheckRow[]> {
    const rows: Record<string, unknown>[] = await this.txHost.tx.query(
      `SELECT pc.* FROM pre_employment_checks pc WHERE pc.application_id = $1
        ORDER BY array_position($2::varchar[], pc."check")`,
      [applicationId, PRE_EMPLOYMENT_CHECK_ORDER],
    );
    return rows.map((r) => entityFromRaw(this.checks, r));
  }

  async findCheck(applicationId: string, check: string): Promise<PreEmploymentCheckRow | null> {
    return this.checks.findOne({ where: { applicationId, check: check as PreEmploymentCheck } });
  }

  async updateCheckIfVersion(id: string, version: number, patch: CheckPatch): Promise<boolean> {
    return (await updateIfVersion(this.checks, id, version, patch)) !== null;
  }

  /** The required checks of the application's vacancy that have not passed, pending (or never created) and failed. */
  async checksNotPassed(
    applicationId: string,
  ): Promise<{ pending: PreEmploymentCheck[]; failed: PreEmploymentCheck[] }> {
    const rows: { check: PreEmploymentCheck; state: string | null }[] = await this.txHost.tx.query(
      `SELECT r."check", pc.state
         FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
         CROSS JOIN LATERAL unnest(v.required_checks) WITH ORDINALITY AS r("check", n)
         LEFT JOIN pre_employment_checks pc ON pc.application_id = a.id AND pc."check" = r."check"
        WHERE a.id = $1 AND pc.state IS DISTINCT FROM 'passed'
        ORDER BY array_position($2::varchar[], r."check")`,
      [applicationId, PRE_EMPLOYMENT_CHECK_ORDER],
    );
    return {
      pending: rows.filter((r) => r.state !== 'failed').map((r) => r.check),
      failed: rows.filter((r) => r.state === 'failed').map((r) => r.check),
    };
  }

  /**
   * A new application of the reserve entry's candidate to `vacancyId`, straight at the offer stage and naming the
   * entry as its source, with its first move (from nothing to offer, with `reason`); returns its id.
   */
  async insertFromReserve(entry: Application, vacancyId: string, userId: string, reason: string): Promise<string> {
    const [row] = await this.txHost.tx.query<{ id: string }[]>(
      `WITH made AS (
         INSERT INTO applications (candidate_id, vacancy_id, stage, stage_entered_at, applied_at, disability_confident,
                                   disability_confident_at, source_application_id, created_by_user_id)
         VALUES ($1, $2, 'offer', now(), now(), $3, $4, $5, $6) RETURNING id, stage_entered_at),
       moved AS (
         INSERT INTO application_stage_moves (application_id, from_stage, to_stage, moved_by_user_id, moved_at, reason)
         SELECT id, NULL, 'offer', $6, stage_entered_at, $7 FROM made)
       SELECT id FROM made`,
      [entry.candidateId, vacancyId, entry.disabilityConfident, entry.disabilityConfidentAt, entry.id, userId, reason],
    );
    return row!.id;
  }

  /** Withdraws the application's made (unanswered) offer, if it has one, as of `at`; returns its id. */
  async withdrawMade(applicationId: string, at: Date, reason: string): Promise<string | null> {
    const [rows]: [{ id: string }[], number] = await this.txHost.tx.query(
      `UPDATE offers SET state = 'withdrawn', withdrawn_at = $2, withdrawal_reason = $3, version = version + 1,
              updated_at = now()
        WHERE application_id = $1 AND state = 'made' RETURNING id`,
      [applicationId, at, reason],
    );
    return rows[0]?.id ?? null;
  }

  /** Expires every made offer whose last day is before `day`, as of `at`; returns their ids. */
  async expire(day: string, at: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `WITH expired AS (
         UPDATE offers SET state = 'expired', expired_at = $2, version = version + 1, updated_at = now()
          WHERE state = 'made' AND expires_on < $1::date RETURNING id)
       SELECT id FROM expired ORDER BY id`,
      [day, at],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Withdraws every reserve-list entry whose vacancy's reserve months have run out since it joined the list (its
   * stage was entered), as of `at`, recording the move (no user, reason "reserve list expired"); returns their ids.
   */
  async expireReserveLists(at: Date, reason: string): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `WITH expired AS (
         UPDATE applications a SET stage = 'withdrawn', stage_entered_at = $1, version = a.version + 1,
                updated_at = now()
           FROM vacancies v
          WHERE v.id = a.vacancy_id AND a.stage = 'reserve'
            AND a.stage_entered_at + make_interval(months => v.reserve_list_months) <= $1
         RETURNING a.id),
       moved AS (
         INSERT INTO application_stage_moves (application_id, from_stage, to_stage, moved_by_user_id, moved_at, reason)
         SELECT id, 'reserve', 'withdrawn', NULL, $1, $2 FROM expired)
       SELECT id FROM expired ORDER BY id`,
      [at, reason],
    );
    return rows.map((r) => r.id);
  }
}
