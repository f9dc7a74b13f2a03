import { TransactionHost, type TransactionalAdapterTypeOrm } from '@capability/platform';
import { IMPORT_TIMEOUTS_SQL, importTimeoutValues, openCopyFrom } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import type { CandidateChannel } from './candidate.entity.js';

export interface CandidateImportCounts {
  /** New candidates. */
  created: number;
  /** Rows whose email the service already has (whatever its case): left as they are. */
  existing: number;
}

/**
 * Set-based SQL for the candidate import: rows are COPYed into a temporary staging table as they are read, then
 * counted and inserted in one statement each, inside the caller's transaction.
 */
@Injectable()
export class CandidateImportRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  /** Longer statement and lock timeouts for this transaction only, and the empty staging table. */
  async prepare(timeoutMs: number): Promise<void> {
    await this.query(IMPORT_TIMEOUTS_SQL, importTimeoutValues(timeoutMs));
    await this.query(`CREATE TEMP TABLE candidate_import_rows (
      row_no integer NOT NULL,
      full_name text NOT NULL,
      email text NOT NULL,
      phone text,
      university text,
      course text,
      graduation_year smallint,
      right_to_work text NOT NULL,
      retention_consent boolean NOT NULL
    ) ON COMMIT DROP`);
  }

  /** A writable `COPY candidate_import_rows FROM STDIN` on the transaction's connection. */
  openStaging(timeoutMs: number): Promise<Writable> {
    return openCopyFrom(this.txHost.tx.queryRunner, 'COPY candidate_import_rows FROM STDIN', timeoutMs);
  }

  async partnerExists(id: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM partners WHERE id = $1', [id])).length > 0;
  }

  async counts(): Promise<CandidateImportCounts> {
    await this.query('ANALYZE candidate_import_rows');
    const [row] = await this.query<{ existing: number; total: number }>(`SELECT count(*)::int AS total,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM candidates c WHERE lower(c.email) = lower(r.email)))::int AS existing
      FROM candidate_import_rows r`);
    return { created: (row?.total ?? 0) - (row?.existing ?? 0), existing: row?.existing ?? 0 };
  }

  /** Inserts the rows whose email is new; returns how many. */
  async apply(
    source: { partnerId: string | null; channel: CandidateChannel | null },
    actorUserId: string | null,
  ): Promise<number> {
    const [row] = await this.query<{ created: number }>(
      `WITH created AS (
         INSERT INTO candidates (full_name, email, phone, partner_id, channel, university, course, graduation_year,
                                 right_to_work, retention_consent, retention_consent_at, created_by_user_id)
         SELECT r.full_name, r.email, r.phone, $1::uuid, $2::varchar, r.university, r.course, r.graduation_year,
                r.right_to_work, r.retention_consent, CASE WHEN r.retention_consent THEN now() END, $3::uuid
           FROM candidate_import_rows r ORDER BY r.row_no
         ON CONFLICT ((lower(email))) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS created FROM created`,
      [source.partnerId, source.channel, actorUserId],
    );
    return row?.created ?? 0;
  }
}
