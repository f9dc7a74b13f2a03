import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { GapCounts, GapQuery, RawGapRow } from '../capability-gaps.repository.js';
import { rawToCounts } from '../capability-gaps.repository.js';
import { unitGroupSql, type GapDimension } from '../gap-dimensions.js';

/**
 * Each grouping over `insights_gap_cells c` (and `gu`, the unit grouped under, by the unit path as the cycle closed,
 * named as it is named now, as live): the id and label the live report gives (see DIMENSION_SQL).
 */
const SNAPSHOT_DIMENSION_SQL: Record<GapDimension, { id: string; label: string }> = {
  roleFamily: { id: 'c.role_family_slug', label: 'c.role_family_name' },
  role: { id: 'c.role_slug', label: 'c.role_name' },
  roleLevel: { id: 'c.role_level_slug', label: 'c.role_level_name' },
  skill: { id: 'c.skill_slug', label: 'c.skill_name' },
  unit: { id: 'gu.id::text', label: 'gu.name' },
  location: { id: "coalesce(c.location_id::text, 'none')", label: "coalesce(c.location_name, 'Not recorded')" },
  grade: { id: "coalesce(c.grade_code, 'none')", label: "coalesce(c.grade_name, 'Not recorded')" },
  employmentType: { id: 'c.employment_type', label: 'c.employment_type' },
};

const SNAPSHOT_FILTER_SQL: Record<GapDimension, (param: string) => string> = {
  roleFamily: (p) => `c.role_family_slug = ${p}::text`,
  role: (p) => `c.role_slug = ${p}::text`,
  roleLevel: (p) => `c.role_level_slug = ${p}::text`,
  skill: (p) => `c.skill_slug = ${p}::text`,
  unit: (p) => `${p}::uuid = ANY(c.unit_path)`,
  location: (p) => `c.location_id = ${p}::uuid`,
  grade: (p) => `c.grade_code = ${p}::text`,
  employmentType: (p) => `c.employment_type = ${p}::text`,
};

type GrainDimension = Exclude<GapDimension, 'skill'>;

/** The columns of insights_gap_cells each grouping (but skill) is kept in. */
const GRAIN_COLUMNS: Record<GrainDimension, string[]> = {
  roleFamily: ['role_family_slug', 'role_family_name'],
  role: ['role_slug', 'role_name'],
  roleLevel: ['role_level_slug', 'role_level_name'],
  unit: ['unit_id', 'unit_name', 'unit_path'],
  location: ['location_id', 'location_name'],
  grade: ['grade_code', 'grade_name'],
  employmentType: ['employment_type'],
};
const ALL_GRAIN: GrainDimension[] = ['roleFamily', 'role', 'roleLevel', 'unit', 'location', 'grade', 'employmentType'];

/**
 * The grains a closed cycle's cells are written at, coarsest first: a report reads the first whose groupings hold
 * every grouping and filter it asks for (skill aside: each grain has skill rows and person rows), so the common
 * reports (by family, role and level, and the heatmap; by unit, location, grade or employment type within families)
 * read a few hundred rows, and anything else the finest grain, `all`. Role family is in each, as scope needs it.
 */
export const GAP_GRAINS: { name: string; dimensions: GrainDimension[] }[] = [
  { name: 'roleFamily', dimensions: ['roleFamily'] },
  { name: 'roleFamily+role+roleLevel', dimensions: ['roleFamily', 'role', 'roleLevel'] },
  { name: 'roleFamily+unit', dimensions: ['roleFamily', 'unit'] },
  { name: 'roleFamily+location', dimensions: ['roleFamily', 'location'] },
  { name: 'roleFamily+grade', dimensions: ['roleFamily', 'grade'] },
  { name: 'roleFamily+employmentType', dimensions: ['roleFamily', 'employmentType'] },
  { name: 'all', dimensions: ALL_GRAIN },
];

/** The coarsest grain holding every grouping and filter of the query. */
export function grainFor(q: Pick<GapQuery, 'groupBy' | 'filters'>): string {
  const needed = new Set<GapDimension>([...q.groupBy, ...(Object.keys(q.filters) as GapDimension[])]);
  needed.delete('skill');
  return GAP_GRAINS.find((g) => [...needed].every((d) => (g.dimensions as GapDimension[]).includes(d)))!.name;
}

/**
 * The snapshot tables of closed cycles: writing a cycle's gap cells (the job does, once per cycle) and the gap
 * report's counts read from them. A line manager's reporting chain is not a grouping the cells keep, so a report in
 * that scope stays live (the service decides).
 */
@Injectable()
export class GapSnapshotsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Closed cycles whose cells are not written yet, oldest close first. */
  async pending(): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT rc.id FROM review_cycles rc
        WHERE rc.state = 'closed' AND NOT EXISTS (SELECT 1 FROM insights_cycle_snapshots s WHERE s.cycle_id = rc.id)
        ORDER BY rc.closed_at, rc.id`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Writes one closed cycle's cells, in the caller's transaction, once: under a transaction-scoped advisory lock on
   * the cycle, so two workers taking the same cycle at once write it once (the second finds it taken). Returns the
   * rows written, or null when the cycle is not closed or already taken.
   */
  async take(cycleId: string): Promise<number | null> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('insights-snapshot:' || $1, 0))`, [
      cycleId,
    ]);
    const [state]: { closed: boolean; taken: boolean }[] = await this.txHost.tx.query(
      `SELECT rc.state = 'closed' AS closed,
              EXISTS (SELECT 1 FROM insights_cycle_snapshots s WHERE s.cycle_id = rc.id) AS taken
         FROM review_cycles rc WHERE rc.id = $1`,
      [cycleId],
    );
    if (!state?.closed || state.taken) return null;
    const columns = ALL_GRAIN.flatMap((d) => GRAIN_COLUMNS[d]);
    const keyed = [...ALL_GRAIN.map((d) => GRAIN_COLUMNS[d][0]!), 'skill_slug'];
    // GROUPING over the key columns: a bit per column, set when the column is not grouped (most significant first).
    const maskOf = (dimensions: GrainDimension[], skill: boolean): number =>
      keyed.reduce(
        (mask, column, i) =>
          (i < ALL_GRAIN.length ? dimensions.includes(ALL_GRAIN[i]!) : skill)
            ? mask
            : mask | (1 << (keyed.length - 1 - i)),
        0,
      );
    const sets = GAP_GRAINS.flatMap((g) => {
      const cols = ['source', ...g.dimensions.flatMap((d) => GRAIN_COLUMNS[d])];
      return [`(${cols.join(', ')})`, `(${[...cols, 'skill_slug', 'skill_name'].join(', ')})`];
    });
    const grainCase = `CASE GROUPING(${keyed.join(', ')}) ${GAP_GRAINS.flatMap((g) =>
      [false, true].map((skill) => `WHEN ${maskOf(g.dimensions, skill)} THEN '${g.name}'`),
    ).join(' ')} END`;
    const written: unknown[] = await this.txHost.tx.query(
      `WITH counted AS (
         SELECT src.source, r.staff_id,
                rf.slug AS role_family_slug, rf.name AS role_family_name, ro.slug AS role_slug, ro.name AS role_name,
                rl.slug AS role_level_slug, rl.name AS role_level_name, u.id AS unit_id, u.name AS unit_name,
                u.path AS unit_path, s.location_id, loc.name AS location_name, g.code AS grade_code,
                g.name AS grade_name, s.employment_type, rr.skill_slug, rr.skill_name,
                CASE src.source WHEN 'validated' THEN rr.validated_level ELSE rr.self_level END AS level,
                rr.required_level AS required
           FROM skill_reviews r
           JOIN skill_review_ratings rr ON rr.review_id = r.id
           JOIN role_levels rl ON rl.id = r.role_level_id
           JOIN roles ro ON ro.id = rl.role_id
           JOIN role_families rf ON rf.id = ro.role_family_id
           JOIN organisation_units u ON u.id = r.unit_id
           JOIN staff s ON s.id = r.staff_id
           LEFT JOIN locations loc ON loc.id = s.location_id
           LEFT JOIN grades g ON g.id = s.grade_id
          CROSS JOIN (VALUES ('validated'), ('self')) AS src (source)
          WHERE r.cycle_id = $1
            AND rr.required_level IS NOT NULL
            AND CASE src.source
                  WHEN 'validated' THEN r.state = 'validated' AND rr.validated_level IS NOT NULL
                  ELSE r.state IN ('self_assessed', 'validated') AND rr.self_level IS NOT NULL
                END
       ),
       cells AS (
         SELECT source, ${grainCase} AS grain, ${columns.join(', ')}, skill_slug, skill_name,
                GROUPING(skill_slug) <> 0 AS person_row,
                count(DISTINCT staff_id)::int AS people,
                count(*)::int AS requirements,
                (count(*) FILTER (WHERE level >= required))::int AS met,
                sum(greatest(required - level, 0))::int AS gap_sum,
                (count(*) FILTER (WHERE level = 0))::int AS n0,
                (count(*) FILTER (WHERE level = 1))::int AS n1,
                (count(*) FILTER (WHERE level = 2))::int AS n2,
                (count(*) FILTER (WHERE level = 3))::int AS n3,
                (count(*) FILTER (WHERE level = 4))::int AS n4
           FROM counted
          GROUP BY GROUPING SETS (${sets.join(', ')})
       )
       INSERT INTO insights_gap_cells
              (cycle_id, source, grain, ${columns.join(', ')}, skill_slug, skill_name, people, requirements, met, gap_sum,
               n0, n1, n2, n3, n4)
       SELECT $1, source, grain, ${columns.join(', ')}, skill_slug, skill_name, people,
              CASE WHEN person_row THEN 0 ELSE requirements END,
              CASE WHEN person_row THEN 0 ELSE met END,
              CASE WHEN person_row THEN 0 ELSE gap_sum END,
              CASE WHEN person_row THEN 0 ELSE n0 END,
              CASE WHEN person_row THEN 0 ELSE n1 END,
              CASE WHEN person_row THEN 0 ELSE n2 END,
              CASE WHEN person_row THEN 0 ELSE n3 END,
              CASE WHEN person_row THEN 0 ELSE n4 END
         FROM cells
       RETURNING 1`,
      [cycleId],
    );
    await this.txHost.tx.query(
      'INSERT INTO insights_cycle_snapshots (cycle_id, taken_at, cells) VALUES ($1, now(), $2)',
      [cycleId, written.length],
    );
    return written.length;
  }

  /** When the cycle's cells were written (null: not yet). */
  async takenAt(cycleId: string): Promise<Date | null> {
    const [row]: { taken_at: Date }[] = await this.txHost.tx.query(
      'SELECT taken_at FROM insights_cycle_snapshots WHERE cycle_id = $1',
      [cycleId],
    );
    return row?.taken_at ?? null;
  }

  /**
   * The gap report's counts from the cells, as `CapabilityGapsRepository.counts` gives them live. A group's people
   * are its person rows' people (each person once, whatever their skills); a group of one skill has no person rows,
   * and its people are its requirements (one rating per person and skill). Filtered by skill, the person rows
   * (which match no skill) drop out, so every figure rests on that skill's ratings.
   */
  async counts(q: GapQuery): Promise<GapCounts[]> {
    if (q.scope.kind === 'some' && q.scope.teamOf) throw new Error('A reporting chain is read live, not from cells');
    const values: unknown[] = [q.cycleId, q.source, grainFor(q)];
    const where = ['c.cycle_id = $1', 'c.source = $2', 'c.grain = $3'];
    for (const [dimension, value] of Object.entries(q.filters) as [GapDimension, string | undefined][]) {
      if (value === undefined) continue;
      values.push(value);
      where.push(SNAPSHOT_FILTER_SQL[dimension](`$${values.length}`));
    }
    if (q.scope.kind === 'some') {
      values.push(q.scope.families);
      where.push(`c.role_family_slug = ANY($${values.length}::text[])`);
    }
    const dims = q.groupBy.map((d, i) => ({
      select: `${SNAPSHOT_DIMENSION_SQL[d].id} AS d${i}_id, ${SNAPSHOT_DIMENSION_SQL[d].label} AS d${i}_label`,
      cols: [`d${i}_id`, `d${i}_label`],
    }));
    const groupCols = dims.flatMap((d) => d.cols);
    // Grouped by skill, the person rows (no skill) would make a group of their own: dropped, the total keeps them.
    const skillIndex = q.groupBy.indexOf('skill');
    const skillCol = skillIndex >= 0 ? `d${skillIndex}_id` : null;
    const rows: RawGapRow[] = await this.txHost.tx.query(
      `WITH picked AS (
         SELECT ${dims.map((d) => `${d.select}, `).join('')}
                c.skill_slug, c.people, c.requirements, c.met, c.gap_sum, c.n0, c.n1, c.n2, c.n3, c.n4
           FROM insights_gap_cells c
           ${q.groupBy.includes('unit') ? `JOIN organisation_units gu ON gu.id = ${unitGroupSql('c.unit_path', q.unitDepth)}` : ''}
          WHERE ${where.join(' AND ')}
       )
       SELECT ${groupCols.length > 0 ? `${groupCols.join(', ')}, GROUPING(${groupCols.join(', ')}) <> 0` : 'TRUE'} AS total,
              coalesce(sum(people) FILTER (WHERE skill_slug IS NULL), sum(requirements), 0) AS people,
              coalesce(sum(requirements), 0) AS requirements,
              coalesce(sum(met), 0) AS met,
              coalesce(sum(gap_sum), 0) AS gap_sum,
              coalesce(sum(n0), 0) AS n0,
              coalesce(sum(n1), 0) AS n1,
              coalesce(sum(n2), 0) AS n2,
              coalesce(sum(n3), 0) AS n3,
              coalesce(sum(n4), 0) AS n4
         FROM picked
        ${groupCols.length > 0 ? `GROUP BY GROUPING SETS ((${groupCols.join(', ')}), ())` : ''}
        ${skillCol ? `HAVING GROUPING(${groupCols.join(', ')}) <> 0 OR ${skillCol} IS NOT NULL` : ''}`,
      values,
    );
    return rows.map((row) => rawToCounts(row, q.groupBy.length));
  }
}
