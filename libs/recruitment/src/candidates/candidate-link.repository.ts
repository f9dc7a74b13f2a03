import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { CandidateLinkPurpose } from './candidate-link-token.entity.js';

/** A live link, as the guard finds it. */
export interface CandidateLinkRow {
  id: string;
  candidateId: string;
  applicationId: string | null;
  purpose: CandidateLinkPurpose;
}

/** What a candidate sees on their link: their name and their applications' vacancy titles and stages. */
export interface CandidateLinkViewRow {
  fullName: string;
  applications: { id: string; vacancyTitle: string; stage: string }[];
}

/** The candidate a link is issued to. */
export interface LinkRecipient {
  id: string;
  fullName: string;
  email: string;
  anonymised: boolean;
}

/** candidate_link_tokens and candidate_link_failures, in single statements (several replicas count into one row). */
@Injectable()
export class CandidateLinkRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async recipient(candidateId: string): Promise<LinkRecipient | null> {
    const [row]: { id: string; full_name: string; email: string; anonymised: boolean }[] = await this.txHost.tx.query(
      `SELECT id, full_name, email, anonymised_at IS NOT NULL AS anonymised FROM candidates WHERE id = $1 FOR UPDATE`,
      [candidateId],
    );
    return row ? { id: row.id, fullName: row.full_name, email: row.email, anonymised: row.anonymised } : null;
  }

  /** Revokes the candidate's live links of `purpose` and issues one; returns its id and when it was issued. */
  async issue(
    candidateId: string,
    purpose: CandidateLinkPurpose,
    tokenHash: Buffer,
    ttlDays: number,
    userId: string,
  ): Promise<{ id: string; createdAt: Date; expiresAt: Date }> {
    await this.txHost.tx.query(
      `UPDATE candidate_link_tokens SET revoked_at = now()
       WHERE candidate_id = $1 AND purpose = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [candidateId, purpose],
    );
    const [row]: { id: string; created_at: Date; expires_at: Date }[] = await this.txHost.tx.query(
      `INSERT INTO candidate_link_tokens (candidate_id, purpose, token_hash, expires_at, issued_by_user_id)
       VALUES ($1, $2, $3, now() + make_interval(days => $4), $5)
       RETURNING id, created_at, expires_at`,
      [candidateId, purpose, tokenHash, ttlDays, userId],
    );
    return { id: row!.id, createdAt: row!.created_at, expiresAt: row!.expires_at };
  }

  /**
   * The live link with this hash (not expired, not revoked, its candidate not anonymised), marked used; null for
   * any other.
   */
  async use(tokenHash: Buffer): Promise<CandidateLinkRow | null> {
    // An UPDATE's answer from the driver: [rows, affected].
    const [[row]]: [
      { id: string; candidate_id: string; application_id: string | null; purpose: CandidateLinkPurpose }[],
      number,
    ] = await this.txHost.tx.query(
      `UPDATE candidate_link_tokens t SET last_used_at = now()
         FROM candidates c
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()
           AND c.id = t.candidate_id AND c.anonymised_at IS NULL
         RETURNING t.id, t.candidate_id, t.application_id, t.purpose`,
      [tokenHash],
    );
    return row
      ? { id: row.id, candidateId: row.candidate_id, applicationId: row.application_id, purpose: row.purpose }
      : null;
  }

  async view(candidateId: string): Promise<CandidateLinkViewRow | null> {
    const [row]: { full_name: string; applications: CandidateLinkViewRow['applications'] }[] =
      await this.txHost.tx.query(
        `SELECT c.full_name,
                coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'vacancyTitle', v.title, 'stage', a.stage)
                                           ORDER BY a.applied_at, a.id)
                          FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
                          WHERE a.candidate_id = c.id), '[]'::jsonb) AS applications
         FROM candidates c WHERE c.id = $1`,
        [candidateId],
      );
    return row ? { fullName: row.full_name, applications: row.applications } : null;
  }

  /** Sets the candidate's consent to be kept (and when); false when it was already so. */
  async setConsent(candidateId: string, consent: boolean): Promise<boolean> {
    const [, changed]: [unknown, number] = await this.txHost.tx.query(
      `UPDATE candidates
       SET retention_consent = $2, retention_consent_at = CASE WHEN $2 THEN now() END,
           version = version + 1, updated_at = now()
       WHERE id = $1 AND retention_consent IS DISTINCT FROM $2`,
      [candidateId, consent],
    );
    return changed > 0;
  }

  /** Whether the application is the candidate's. */
  async owns(candidateId: string, applicationId: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      'SELECT 1 FROM applications WHERE id = $1 AND candidate_id = $2',
      [applicationId, candidateId],
    );
    return rows.length > 0;
  }

  /** Sets (or, with null, clears) the application's reasonable adjustments; false when it is not the candidate's. */
  async setAdjustments(candidateId: string, applicationId: string, needs: string | null): Promise<boolean> {
    const [, changed]: [unknown, number] = await this.txHost.tx.query(
      `UPDATE applications
       SET adjustments = $3::varchar, adjustments_recorded_at = CASE WHEN $3::varchar IS NULL THEN NULL ELSE now() END,
           version = version + 1, updated_at = now()
       WHERE id = $1 AND candidate_id = $2`,
      [applicationId, candidateId, needs],
    );
    return changed > 0;
  }

  /** Milliseconds until the client may try links again; 0 when it is not locked. */
  async lockedFor(client: string, limit: number): Promise<number> {
    const [row]: { wait: number | null }[] = await this.txHost.tx.query(
      `SELECT ceil(extract(epoch FROM window_ends_at - now()) * 1000)::float8 AS wait
       FROM candidate_link_failures WHERE client = $1 AND window_ends_at > now() AND failures >= $2`,
      [client, limit],
    );
    return row?.wait ?? 0;
  }

  /** Counts one refused link against the client (one atomic upsert; a counter at its limit is left alone). */
  async recordFailure(client: string, limit: number, windowMs: number): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO candidate_link_failures AS f (client, failures, window_ends_at)
       VALUES ($1, 1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (client) DO UPDATE SET
         failures = CASE WHEN f.window_ends_at <= now() THEN 1 ELSE f.failures + 1 END,
         window_ends_at = CASE WHEN f.window_ends_at <= now() THEN excluded.window_ends_at ELSE f.window_ends_at END
       WHERE f.window_ends_at <= now() OR f.failures < $3`,
      [client, windowMs, limit],
    );
  }

  /** Deletes counters whose window has ended; returns how many. */
  async purgeEndedFailures(): Promise<number> {
    const [, count]: [unknown, number] = await this.txHost.tx.query(
      'DELETE FROM candidate_link_failures WHERE window_ends_at <= now()',
    );
    return count;
  }
}
