import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';

/** What an anonymised candidate's name becomes; their email becomes `anonymised-<id>@anonymised.invalid`. */
export const ANONYMISED_NAME = 'Anonymised candidate';
/** What a free-text reason (a rejection's, a move's) becomes: it may name or describe the person. */
export const ANONYMISED_TEXT = '[anonymised]';

/**
 * When a vacancy's reserve list expires: `reserve_list_months` after the vacancy closed (or was withdrawn). The one
 * place the rule is written; the offers part may replace it with the list's own expiry.
 */
export const RESERVE_LIST_EXPIRES_SQL = `coalesce(v.closed_at, v.withdrawn_at) + make_interval(months => v.reserve_list_months)`;

/**
 * Retention, set-based: which candidates are due, and their anonymisation in a few statements over all of them at
 * once (SUBJECT_ACCESS_TABLES says what happens to each table).
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Candidates due for anonymisation as of `asOf`, locked: not anonymised yet, no consent to be kept, with at least
   * one application and every one of them over: rejected or withdrawn with its vacancy closed (or withdrawn) at least
   * `months` before, or on a reserve list that has expired. Anyone still in the pipeline, offered or appointed stays.
   */
  async due(asOf: Date, months: number): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT c.id FROM candidates c
       WHERE c.anonymised_at IS NULL AND NOT c.retention_consent
         AND EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id)
         AND NOT EXISTS (
           SELECT 1 FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
           WHERE a.candidate_id = c.id
             AND NOT (
               (a.stage IN ('rejected', 'withdrawn')
                 AND coalesce(v.closed_at, v.withdrawn_at) + make_interval(months => $2) <= $1)
               OR (a.stage = 'reserve' AND ${RESERVE_LIST_EXPIRES_SQL} <= $1)
             ))
       ORDER BY c.id
       FOR UPDATE OF c SKIP LOCKED`,
      [asOf, months],
    );
    return rows.map((r) => r.id);
  }

  /** Anonymises the candidates `ids` as of `asOf` (see SUBJECT_ACCESS_TABLES for each table). */
  async anonymise(ids: string[], asOf: Date): Promise<void> {
    const q = (sql: string, values: unknown[] = [ids]) => this.txHost.tx.query(sql, values);
    // Diversity answers keep what the aggregate counts by, then lose the person.
    await q(
      `INSERT INTO diversity_answer_outcomes (diversity_answer_id, vacancy_id, stage)
       SELECT d.id, a.vacancy_id, a.stage FROM diversity_answers d JOIN applications a ON a.candidate_id = d.candidate_id
       WHERE d.candidate_id = ANY($1::uuid[])
       ON CONFLICT DO NOTHING`,
    );
    await q('UPDATE diversity_answers SET candidate_id = NULL WHERE candidate_id = ANY($1::uuid[])');
    await q('DELETE FROM candidate_link_tokens WHERE candidate_id = ANY($1::uuid[])');
    await q(
      `UPDATE application_stage_moves SET reason = $2
       WHERE reason IS NOT NULL AND application_id IN (SELECT id FROM applications WHERE candidate_id = ANY($1::uuid[]))`,
      [ids, ANONYMISED_TEXT],
    );
    await q(
      `UPDATE pre_employment_checks SET note = NULL
       WHERE note IS NOT NULL AND application_id IN (SELECT id FROM applications WHERE candidate_id = ANY($1::uuid[]))`,
    );
    await q(
      `UPDATE applications
       SET adjustments = NULL, adjustments_recorded_at = NULL,
           rejection_reason = CASE WHEN rejection_reason IS NOT NULL THEN $2::varchar END,
           version = version + 1, updated_at = now()
       WHERE candidate_id = ANY($1::uuid[])`,
      [ids, ANONYMISED_TEXT],
    );
    // The links emailed to them: not sent any more, and their address and link gone.
    await q(
      `UPDATE notification_outbox
       SET state = CASE WHEN state = 'pending' THEN 'skipped' ELSE state END, email_address = NULL, personalisation = NULL
       WHERE dedupe_key LIKE 'candidate-link:%' AND split_part(dedupe_key, ':', 2) = ANY($1::text[])`,
    );
    await q(
      `UPDATE candidates
       SET full_name = $2, email = 'anonymised-' || id || '@anonymised.invalid', phone = NULL,
           university = NULL, course = NULL, graduation_year = NULL, right_to_work = 'not-yet-known',
           anonymised_at = $3, version = version + 1, updated_at = now()
       WHERE id = ANY($1::uuid[])`,
      [ids, ANONYMISED_NAME, asOf],
    );
  }
}
