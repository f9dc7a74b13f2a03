import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { staffScopeSql } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { GapScope } from './capability-gaps.repository.js';

/** One row's raw counts, before suppression and rounding. */
export interface CalibrationCounts {
  kind: 'family' | 'manager' | 'total';
  /** Family slug, validator's staff id (`none` when nobody is on record), empty for the total. */
  id: string;
  label: string;
  people: number;
  ratings: number;
  selfSum: number;
  validatedSum: number;
  agreed: number;
  raised: number;
  lowered: number;
  flagged: number;
}

export interface CalibrationQuery {
  cycleId: string;
  roleFamily?: string;
  scope: GapScope;
}

type Raw = Record<'kind' | 'id' | 'label', string> &
  Record<'people' | 'ratings' | 'self_sum' | 'validated_sum' | 'agreed' | 'raised' | 'lowered' | 'flagged', string>;

/**
 * Self against validated levels: every rating of a validated review in the cycle that has both a self and a
 * validated level (required or extra skills alike), by role family (the cycle's snapshot) and by validator. The
 * validator is the staff record of the user who validated the review (`validated_by_user_id`); when that is not on
 * record (a results import, a user with no staff record), the reviewee's line manager today.
 */
@Injectable()
export class CalibrationRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async counts(q: CalibrationQuery): Promise<CalibrationCounts[]> {
    const values: unknown[] = [q.cycleId];
    const where = [
      'r.cycle_id = $1',
      `r.state = 'validated'`,
      'rr.self_level IS NOT NULL',
      'rr.validated_level IS NOT NULL',
    ];
    if (q.roleFamily !== undefined) {
      values.push(q.roleFamily);
      where.push(`rf.slug = $${values.length}::text`);
    }
    if (q.scope.kind === 'some') {
      const parts: string[] = [];
      if (q.scope.families.length > 0) {
        values.push(q.scope.families);
        parts.push(`r.role_family_slug = ANY($${values.length}::text[])`);
      }
      if (q.scope.teamOf) {
        parts.push(
          staffScopeSql({ kind: 'some', ownStaffId: null, teamOf: q.scope.teamOf, families: [] }, 's', values),
        );
      }
      where.push(parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE');
    }
    const figures = `count(DISTINCT staff_id) AS people,
              count(*) AS ratings,
              coalesce(sum(self), 0) AS self_sum,
              coalesce(sum(validated), 0) AS validated_sum,
              count(*) FILTER (WHERE validated = self) AS agreed,
              count(*) FILTER (WHERE validated > self) AS raised,
              count(*) FILTER (WHERE validated < self) AS lowered,
              count(*) FILTER (WHERE flagged) AS flagged`;
    const rows: Raw[] = await this.txHost.tx.query(
      `WITH counted AS (
         SELECT r.staff_id, rf.slug AS family_id, rf.name AS family_label,
                coalesce(vu.staff_id, s.line_manager_id) AS validator_id,
                rr.self_level AS self, rr.validated_level AS validated, rr.flagged_for_calibration AS flagged
           FROM skill_reviews r
           JOIN skill_review_ratings rr ON rr.review_id = r.id
           JOIN role_levels rl ON rl.id = r.role_level_id
           JOIN roles ro ON ro.id = rl.role_id
           JOIN role_families rf ON rf.id = ro.role_family_id
           JOIN staff s ON s.id = r.staff_id
           LEFT JOIN users vu ON vu.id = r.validated_by_user_id
          WHERE ${where.join(' AND ')}
       )
       SELECT 'family' AS kind, family_id AS id, family_label AS label, ${figures}
         FROM counted GROUP BY family_id, family_label
       UNION ALL
       SELECT 'manager', coalesce(c.validator_id::text, 'none'), coalesce(v.full_name, 'No validator on record'),
              ${figures.replace('count(DISTINCT staff_id)', 'count(DISTINCT c.staff_id)')}
         FROM counted c LEFT JOIN staff v ON v.id = c.validator_id
        GROUP BY c.validator_id, v.full_name
       UNION ALL
       SELECT 'total', '', '', ${figures} FROM counted`,
      values,
    );
    return rows.map((r) => ({
      kind: r.kind as CalibrationCounts['kind'],
      id: r.id,
      label: r.label,
      people: Number(r.people),
      ratings: Number(r.ratings),
      selfSum: Number(r.self_sum),
      validatedSum: Number(r.validated_sum),
      agreed: Number(r.agreed),
      raised: Number(r.raised),
      lowered: Number(r.lowered),
      flagged: Number(r.flagged),
    }));
  }
}
