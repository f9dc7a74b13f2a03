import { TransactionHost, type TransactionalAdapterTypeOrm } from '@capability/platform';
import {
  copyValue,
  IMPORT_TIMEOUTS_SQL,
  importTimeoutValues,
  MAX_REPORTED_ERRORS,
  openCopyFrom,
  type ImportRowError,
} from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import type { CycleState } from '../review-cycle.entity.js';
import type { ResultRow } from './review-results-row.validator.js';

/** What an import does (or would do) to the cycle's ratings. */
export interface ResultsImportCounts {
  /** Extra skills new to a review. */
  created: number;
  /** Ratings whose self or validated level changes. */
  updated: number;
  /** Rows identical to the service. */
  unchanged: number;
  /** Reviews with at least one rating created or changed. */
  reviewsChanged: number;
}

/** Rows whose rating is new or differs from the service. */
const CHANGED = `(NOT c.existing OR c.old_self IS DISTINCT FROM c.self_level
  OR c.old_validated IS DISTINCT FROM c.validated_level)`;

/**
 * Set-based SQL for a cycle's results import: the file's rows are COPYed into a temporary staging table, checked
 * and resolved there (person's review, skill of the pinned version, duplicates) and merged into
 * `skill_review_ratings` and `skill_reviews` with a handful of statements, inside the caller's transaction.
 */
@Injectable()
export class ReviewResultsImportRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  /** The cycle, its row shared until the transaction ends: a close waits for the import (and vice versa). */
  async lockCycle(id: string): Promise<{ state: CycleState; frameworkVersionId: string | null } | null> {
    const [row] = await this.query<{ state: CycleState; framework_version_id: string | null }>(
      'SELECT state, framework_version_id FROM review_cycles WHERE id = $1 FOR SHARE',
      [id],
    );
    return row ? { state: row.state, frameworkVersionId: row.framework_version_id } : null;
  }

  /** Longer statement and lock timeouts for this transaction only, and the empty staging table. */
  async prepare(timeoutMs: number): Promise<void> {
    await this.query(IMPORT_TIMEOUTS_SQL, importTimeoutValues(timeoutMs));
    await this.query(`CREATE TEMP TABLE review_results_import_rows (
      row_no integer NOT NULL,
      staff_number text NOT NULL,
      skill_slug text NOT NULL,
      self_level smallint,
      validated_level smallint
    ) ON COMMIT DROP`);
  }

  /** A writable `COPY review_results_import_rows FROM STDIN` on the transaction's connection. */
  openStaging(timeoutMs: number): Promise<Writable> {
    return openCopyFrom(this.txHost.tx.queryRunner, 'COPY review_results_import_rows FROM STDIN', timeoutMs);
  }

  /**
   * Each staged row with its review in the cycle, its skill in the pinned version, the rating as it is now and
   * the first row holding the same (staff number, skill).
   */
  async resolve(cycleId: string, versionId: string): Promise<void> {
    await this.query('ANALYZE review_results_import_rows');
    await this.query(`CREATE TEMP TABLE review_results_import_resolved (
      row_no integer NOT NULL,
      staff_number text NOT NULL,
      skill_slug text NOT NULL,
      self_level smallint,
      validated_level smallint,
      review_id uuid,
      skill_id uuid,
      skill_name text,
      existing boolean NOT NULL,
      old_self smallint,
      old_validated smallint,
      first_row integer NOT NULL
    ) ON COMMIT DROP`);
    await this.query(
      `INSERT INTO review_results_import_resolved
       SELECT i.row_no, i.staff_number, i.skill_slug, i.self_level, i.validated_level, r.id, sk.id, sk.name,
              x.review_id IS NOT NULL, x.self_level, x.validated_level,
              min(i.row_no) OVER (PARTITION BY i.staff_number, i.skill_slug)
         FROM review_results_import_rows i
         LEFT JOIN staff s ON s.staff_number = i.staff_number
         LEFT JOIN skill_reviews r ON r.staff_id = s.id AND r.cycle_id = $1
         LEFT JOIN skills sk ON sk.version_id = $2 AND sk.slug = i.skill_slug
         LEFT JOIN skill_review_ratings x ON x.review_id = r.id AND x.skill_id = sk.id`,
      [cycleId, versionId],
    );
    await this.query('ANALYZE review_results_import_resolved');
  }

  /** The rows that break a rule needing the database: the first MAX_REPORTED_ERRORS, and how many there are. */
  async errors(): Promise<{ errors: ImportRowError[]; count: number }> {
    const rows = await this.query<ImportRowError & { total: number }>(
      `WITH e AS (
         SELECT row_no, 1 AS ord, 'staff_number' AS "column",
                'Staff number ' || left(staff_number, 30) || ' has no review in this cycle' AS message
           FROM review_results_import_resolved WHERE review_id IS NULL
         UNION ALL
         SELECT row_no, 2, 'skill_slug', 'No skill "' || left(skill_slug, 100) || '" in the cycle''s framework version'
           FROM review_results_import_resolved WHERE skill_id IS NULL
         UNION ALL
         SELECT row_no, 3, 'skill_slug', 'Staff number ' || staff_number || ' and skill ' || skill_slug
                || ' are also on row ' || first_row
           FROM review_results_import_resolved WHERE first_row <> row_no
         UNION ALL
         SELECT row_no, 4, 'self_level', 'An extra skill (one the role level does not require) needs a level'
           FROM review_results_import_resolved
          WHERE review_id IS NOT NULL AND skill_id IS NOT NULL AND NOT existing AND first_row = row_no
            AND self_level IS NULL AND validated_level IS NULL
       )
       SELECT row_no AS row, "column", message, count(*) OVER ()::int AS total
         FROM e ORDER BY row_no, ord LIMIT ${MAX_REPORTED_ERRORS}`,
    );
    return { errors: rows.map(({ row, column, message }) => ({ row, column, message })), count: rows[0]?.total ?? 0 };
  }

  async counts(): Promise<ResultsImportCounts> {
    const [row] = await this.query<ResultsImportCounts>(`SELECT
        count(*) FILTER (WHERE NOT c.existing)::int AS created,
        count(*) FILTER (WHERE c.existing AND ${CHANGED})::int AS updated,
        count(*) FILTER (WHERE NOT ${CHANGED})::int AS unchanged,
        count(DISTINCT c.review_id) FILTER (WHERE ${CHANGED})::int AS "reviewsChanged"
      FROM review_results_import_resolved c`);
    return row ?? { created: 0, updated: 0, unchanged: 0, reviewsChanged: 0 };
  }

  /**
   * Writes the changed ratings (the calibration flag worked out as the validation route does), then moves each
   * changed review to the state its ratings now give. Reviews are locked first, in id order, as a single review's
   * writes lock them. Returns how many reviews changed state.
   */
  async apply(actorUserId: string | null, threshold: number): Promise<number> {
    await this.query(`SELECT 1 FROM skill_reviews
      WHERE id IN (SELECT c.review_id FROM review_results_import_resolved c WHERE ${CHANGED})
      ORDER BY id FOR UPDATE`);
    const flag = (self: string, validated: string): string =>
      `(${self} IS NOT NULL AND ${validated} IS NOT NULL AND abs(${self} - ${validated}) >= $1)`;
    await this.query(
      `UPDATE skill_review_ratings x
          SET self_level = c.self_level, validated_level = c.validated_level,
              flagged_for_calibration = ${flag('c.self_level', 'c.validated_level')}
         FROM review_results_import_resolved c
        WHERE c.existing AND x.review_id = c.review_id AND x.skill_id = c.skill_id AND ${CHANGED}`,
      [threshold],
    );
    // An extra skill goes after the review's other extra skills, in file order.
    await this.query(
      `INSERT INTO skill_review_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level,
                                         self_level, validated_level, flagged_for_calibration)
       SELECT c.review_id, c.skill_id, c.skill_slug, c.skill_name,
              (coalesce(p.last, 0) + row_number() OVER (PARTITION BY c.review_id ORDER BY c.row_no))::smallint,
              NULL, c.self_level, c.validated_level, ${flag('c.self_level', 'c.validated_level')}
         FROM review_results_import_resolved c
         LEFT JOIN LATERAL (SELECT max(x.position) AS last FROM skill_review_ratings x
                             WHERE x.review_id = c.review_id AND x.required_level IS NULL) p ON true
        WHERE NOT c.existing`,
      [threshold],
    );
    const [moved] = await this.query<{ moved: number }>(
      `WITH changed AS (
         SELECT DISTINCT c.review_id FROM review_results_import_resolved c WHERE ${CHANGED}
       ), ratings AS (
         SELECT x.review_id,
                coalesce(bool_and(x.self_level IS NOT NULL) FILTER (WHERE x.required_level IS NOT NULL), false) AS all_self,
                coalesce(bool_and(x.self_level IS NOT NULL AND x.validated_level IS NOT NULL)
                           FILTER (WHERE x.required_level IS NOT NULL), false) AS all_validated,
                bool_or(x.self_level IS NOT NULL) AS any_self
           FROM skill_review_ratings x JOIN changed USING (review_id)
          GROUP BY x.review_id
       ), next AS (
         SELECT r.id, r.state AS old_state,
                CASE WHEN g.all_validated THEN 'validated'
                     WHEN g.all_self THEN 'self_assessed'
                     WHEN r.state = 'returned' THEN 'returned'
                     WHEN g.any_self THEN 'in_progress'
                     ELSE 'not_started' END AS state
           FROM skill_reviews r JOIN ratings g ON g.review_id = r.id
       ), moved AS (
         UPDATE skill_reviews r
            SET state = n.state,
                submitted_at = CASE WHEN n.state IN ('self_assessed', 'validated') THEN coalesce(r.submitted_at, now())
                                    ELSE r.submitted_at END,
                validated_at = CASE WHEN n.state = 'validated' THEN coalesce(r.validated_at, now()) END,
                validated_by_user_id = CASE WHEN n.state <> 'validated' THEN NULL
                                            WHEN r.state = 'validated' THEN r.validated_by_user_id
                                            ELSE $1::uuid END,
                version = r.version + 1, updated_at = now()
           FROM next n WHERE r.id = n.id
         RETURNING r.id
       )
       SELECT count(*) FILTER (WHERE n.state <> n.old_state)::int AS moved
         FROM next n WHERE n.id IN (SELECT id FROM moved)`,
      [actorUserId],
    );
    return moved?.moved ?? 0;
  }
}

/** One staging-table line for a checked row, in the table's column order. */
export function resultStagingLine(r: ResultRow): string {
  return (
    [
      String(r.row),
      copyValue(r.staffNumber),
      copyValue(r.skillSlug),
      r.selfLevel === null ? '\\N' : String(r.selfLevel),
      r.validatedLevel === null ? '\\N' : String(r.validatedLevel),
    ].join('\t') + '\n'
  );
}
