import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { staffScopeSql } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { DIMENSION_SQL, FILTER_SQL, unitGroupSql, type GapDimension, type GapSource } from './gap-dimensions.js';

export interface GapCycle {
  id: string;
  name: string;
  state: 'draft' | 'open' | 'closed';
  closedAt: Date | null;
  /** When the snapshot job wrote the closed cycle's gap cells (null: not yet, or not closed). */
  snapshotTakenAt: Date | null;
}

/** Who is in reach: everyone, or the union of some families (as the cycle snapshotted them) and a reporting chain. */
export type GapScope = { kind: 'all' } | { kind: 'some'; families: string[]; teamOf: string | null };

export interface GapQuery {
  cycleId: string;
  source: GapSource;
  groupBy: GapDimension[];
  filters: Partial<Record<GapDimension, string>>;
  scope: GapScope;
  /** The depth grouping by unit rolls up below (`unitGroupSql`): the unit filter's depth, or 1. */
  unitDepth: number;
}

/** One group's raw counts (the figures before suppression and rounding); `total` is the row over every group. */
export interface GapCounts {
  total: boolean;
  ids: string[];
  labels: string[];
  people: number;
  requirements: number;
  met: number;
  gapSum: number;
  ratings: [number, number, number, number, number];
}

/** A counts row as the SQL gives it: `d<i>_id` and `d<i>_label` per grouping, the figures as numeric strings. */
export type RawGapRow = {
  total: boolean;
  people: string;
  requirements: string;
  met: string;
  gap_sum: string;
  n0: string;
  n1: string;
  n2: string;
  n3: string;
  n4: string;
} & Record<string, string | boolean | null>;

/**
 * The capability gap figures, live from the skills review: each required skill of each review in the cycle (the
 * role level's requirement as the cycle snapshotted it) with the level that counts for the source. Extra skills the
 * reviewee added (no required level) are no requirement and count nowhere.
 */
@Injectable()
export class CapabilityGapsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async cycle(id: string): Promise<GapCycle | null> {
    const [row]: {
      id: string;
      name: string;
      state: GapCycle['state'];
      closed_at: Date | null;
      taken_at: Date | null;
    }[] = await this.txHost.tx.query(
      `SELECT rc.id, rc.name, rc.state, rc.closed_at, s.taken_at
         FROM review_cycles rc LEFT JOIN insights_cycle_snapshots s ON s.cycle_id = rc.id
        WHERE rc.id = $1`,
      [id],
    );
    return row
      ? { id: row.id, name: row.name, state: row.state, closedAt: row.closed_at, snapshotTakenAt: row.taken_at }
      : null;
  }

  /** The cycle closed last (ties by id, so the answer is stable). */
  async latestClosedCycle(): Promise<GapCycle | null> {
    const [row]: { id: string }[] = await this.txHost.tx.query(
      `SELECT id FROM review_cycles WHERE state = 'closed' ORDER BY closed_at DESC, id DESC LIMIT 1`,
    );
    return row ? this.cycle(row.id) : null;
  }

  /** How deep a unit is in the tree (1 for a root); 1 for no unit or one that does not exist. */
  async unitDepth(unitId: string | undefined): Promise<number> {
    if (!unitId) return 1;
    const [row]: { depth: number }[] = await this.txHost.tx.query(
      'SELECT cardinality(path) AS depth FROM organisation_units WHERE id = $1::uuid',
      [unitId],
    );
    return row?.depth ?? 1;
  }

  async managesAnyone(staffId: string): Promise<boolean> {
    const [row]: { yes: boolean }[] = await this.txHost.tx.query(
      'SELECT EXISTS (SELECT 1 FROM staff WHERE line_manager_id = $1) AS yes',
      [staffId],
    );
    return row?.yes ?? false;
  }

  /**
   * One row per group of `groupBy` (groups with no counted rating do not appear) and one total row (`total`), by
   * GROUPING SETS so the total counts each person once however many groups they fall in.
   *
   * A rating counts with source `validated` once the review is validated and the rating has a validated level; with
   * `self` once the review has been submitted (self-assessed or validated) and the rating has a self level.
   */
  async counts(q: GapQuery): Promise<GapCounts[]> {
    const values: unknown[] = [q.cycleId];
    const level = q.source === 'validated' ? 'rr.validated_level' : 'rr.self_level';
    const where = [
      'r.cycle_id = $1',
      'rr.required_level IS NOT NULL',
      q.source === 'validated'
        ? `r.state = 'validated' AND rr.validated_level IS NOT NULL`
        : `r.state IN ('self_assessed', 'validated') AND rr.self_level IS NOT NULL`,
    ];
    for (const [dimension, value] of Object.entries(q.filters) as [GapDimension, string | undefined][]) {
      if (value === undefined) continue;
      values.push(value);
      where.push(FILTER_SQL[dimension](`$${values.length}`));
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
    const dims = q.groupBy.map((d, i) => ({
      id: `${DIMENSION_SQL[d].id} AS d${i}_id`,
      label: `${DIMENSION_SQL[d].label} AS d${i}_label`,
      idCol: `d${i}_id`,
      labelCol: `d${i}_label`,
    }));
    const inner = [
      'r.staff_id',
      `${level} AS level`,
      'rr.required_level AS required',
      ...dims.flatMap((d) => [d.id, d.label]),
    ].join(', ');
    const groupCols = dims.flatMap((d) => [d.idCol, d.labelCol]);
    const rows: RawGapRow[] = await this.txHost.tx.query(
      `WITH counted AS (
         SELECT ${inner}
           FROM skill_reviews r
           JOIN skill_review_ratings rr ON rr.review_id = r.id
           JOIN role_levels rl ON rl.id = r.role_level_id
           JOIN roles ro ON ro.id = rl.role_id
           JOIN role_families rf ON rf.id = ro.role_family_id
           JOIN organisation_units u ON u.id = r.unit_id
           ${q.groupBy.includes('unit') ? `JOIN organisation_units gu ON gu.id = ${unitGroupSql('u.path', q.unitDepth)}` : ''}
           JOIN staff s ON s.id = r.staff_id
           LEFT JOIN locations loc ON loc.id = s.location_id
           LEFT JOIN grades g ON g.id = s.grade_id
          WHERE ${where.join(' AND ')}
       )
       SELECT ${groupCols.length > 0 ? `${groupCols.join(', ')}, GROUPING(${groupCols.join(', ')}) <> 0` : 'TRUE'} AS total,
              count(DISTINCT staff_id) AS people,
              count(*) AS requirements,
              count(*) FILTER (WHERE level >= required) AS met,
              coalesce(sum(greatest(required - level, 0)), 0) AS gap_sum,
              count(*) FILTER (WHERE level = 0) AS n0,
              count(*) FILTER (WHERE level = 1) AS n1,
              count(*) FILTER (WHERE level = 2) AS n2,
              count(*) FILTER (WHERE level = 3) AS n3,
              count(*) FILTER (WHERE level = 4) AS n4
         FROM counted
        ${groupCols.length > 0 ? `GROUP BY GROUPING SETS ((${groupCols.join(', ')}), ())` : ''}`,
      values,
    );
    return rows.map((row) => rawToCounts(row, dims.length));
  }
}

export function rawToCounts(row: RawGapRow, dimensions: number): GapCounts {
  const dims = Array.from({ length: dimensions }, (_, i) => i);
  return {
    total: row.total === true,
    ids: dims.map((i) => String(row[`d${i}_id`] ?? '')),
    labels: dims.map((i) => String(row[`d${i}_label`] ?? '')),
    people: Number(row.people),
    requirements: Number(row.requirements),
    met: Number(row.met),
    gapSum: Number(row.gap_sum),
    ratings: [Number(row.n0), Number(row.n1), Number(row.n2), Number(row.n3), Number(row.n4)],
  };
}
