import {
  decodeCursor,
  pageFrom,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { currentPrimaryAssignmentSql } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { ExclusionReason } from './review-cycle-exclusion.entity.js';
import { ReviewCycle, type CycleState } from './review-cycle.entity.js';
import type { CycleOverlap } from './review-cycle.errors.js';

export interface CycleFilter {
  state?: CycleState;
  unitId?: string;
}

export type CyclePatch = Partial<Pick<ReviewCycle, 'name' | 'unitId' | 'opensOn' | 'closesOn'>>;

/** How many of a cycle's reviews (those a reader may see) are in each state. */
export interface CycleFigures {
  reviews: number;
  notStarted: number;
  inProgress: number;
  selfAssessed: number;
  returned: number;
  validated: number;
  flaggedForCalibration: number;
}

export interface LeftOutRow {
  staffId: string;
  staffNumber: string;
  fullName: string;
  unitId: string;
  reason: ExclusionReason;
}

/** Every opening takes this lock first, so two openings cannot each miss the other's people. */
const OPENING_LOCK = "hashtext('reviews:cycle-opening')";

/**
 * The in-scope staff of a cycle's unit: active members of the unit or anywhere under it, each with the role
 * level of the pinned version matching (by slug) their current primary role level, if any. `$1` is the
 * cycle's id, `$2` its unit, `$3` the pinned framework version.
 */
const IN_SCOPE = `
  SELECT s.id AS staff_id, s.unit_id, cur.slug AS current_slug, pin.id AS role_level_id, pin.slug, pin.name,
         rf.slug AS family_slug
    FROM staff s
    JOIN organisation_units ou ON ou.id = s.unit_id AND ou.path @> ARRAY[$2::uuid]
    LEFT JOIN role_levels cur ON cur.id = ${currentPrimaryAssignmentSql('s', 'current_date', 'ra.role_level_id')}
    LEFT JOIN role_levels pin ON pin.version_id = $3::uuid AND pin.slug = cur.slug
    LEFT JOIN roles ro ON ro.id = pin.role_id
    LEFT JOIN role_families rf ON rf.id = ro.role_family_id
   WHERE s.leaving_date IS NULL OR s.leaving_date > current_date`;

@Injectable()
export class ReviewCyclesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(ReviewCycle);
  }

  async insert(
    cycle: Pick<ReviewCycle, 'name' | 'unitId' | 'opensOn' | 'closesOn' | 'createdByUserId'>,
  ): Promise<ReviewCycle> {
    const saved = await this.repo.save(this.repo.create({ ...cycle, state: 'draft' }));
    return (await this.findById(saved.id)) as ReviewCycle;
  }

  findById(id: string): Promise<ReviewCycle | null> {
    return this.repo.findOne({ where: { id } });
  }

  /** The cycle, locked for the rest of the transaction (`update` for moves, `share` for writes to its reviews). */
  async lock(id: string, mode: 'update' | 'share'): Promise<ReviewCycle | null> {
    return this.repo
      .createQueryBuilder('c')
      .setLock(mode === 'update' ? 'pessimistic_write' : 'pessimistic_read')
      .where('c.id = :id', { id })
      .getOne();
  }

  unitExists(unitId: string): Promise<boolean> {
    return this.txHost.tx
      .query('SELECT 1 FROM organisation_units WHERE id = $1', [unitId])
      .then((rows: unknown[]) => rows.length > 0);
  }

  async currentFrameworkVersionId(): Promise<string | null> {
    const [row]: { id: string }[] = await this.txHost.tx.query('SELECT id FROM framework_versions WHERE is_current');
    return row?.id ?? null;
  }

  async list(filter: CycleFilter, page: PageQuery): Promise<Page<ReviewCycle>> {
    const qb = this.repo.createQueryBuilder('c');
    if (filter.state) qb.andWhere('c.state = :state', { state: filter.state });
    if (filter.unitId) qb.andWhere('c.unit_id = :unitId', { unitId: filter.unitId });
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor, 2);
      qb.andWhere('(c.created_at, c.id) < (:createdAt::timestamptz, :id::uuid)', { createdAt, id });
    }
    const rows = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    return pageFrom(rows, page.limit, (last) => [last.createdAt.toISOString(), last.id]);
  }

  /** The change at `version`, the cycle as read again (dates as the entity holds them); null when stale. */
  async updateIfVersion(id: string, version: number, patch: CyclePatch): Promise<ReviewCycle | null> {
    const updated = await updateIfVersion(this.repo, id, version, patch);
    return updated ? this.findById(id) : null;
  }

  async setState(
    id: string,
    patch: Partial<Pick<ReviewCycle, 'state' | 'frameworkVersionId' | 'openedAt' | 'closedAt'>>,
  ): Promise<ReviewCycle> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    return (await this.findById(id)) as ReviewCycle;
  }

  async lockOpenings(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(${OPENING_LOCK})`);
  }

  /** Open cycles that already hold (as a review or as left out) someone in this cycle's scope. */
  async overlaps(cycle: ReviewCycle, versionId: string): Promise<CycleOverlap[]> {
    const rows: { cycle_id: string; cycle_name: string; staff_count: number }[] = await this.txHost.tx.query(
      `WITH in_scope AS (${IN_SCOPE}),
            covered AS (SELECT cycle_id, staff_id FROM skill_reviews
                        UNION ALL SELECT cycle_id, staff_id FROM review_cycle_exclusions)
       SELECT c.id AS cycle_id, c.name AS cycle_name, count(*)::int AS staff_count
         FROM covered cv JOIN review_cycles c ON c.id = cv.cycle_id AND c.state = 'open' AND c.id <> $1
         JOIN in_scope i ON i.staff_id = cv.staff_id
        GROUP BY c.id, c.name ORDER BY c.name, c.id`,
      [cycle.id, cycle.unitId, versionId],
    );
    return rows.map((r) => ({ cycleId: r.cycle_id, cycleName: r.cycle_name, staffCount: r.staff_count }));
  }

  /**
   * Opening, set-based: one INSERT … SELECT for the reviews (a snapshot of each person's role level in the
   * pinned version), one for their ratings (the level's required skills; the CDDO data repeats a few entries,
   * kept once at the highest level), one for the staff left out. Returns the counts.
   */
  async createReviews(cycle: ReviewCycle, versionId: string): Promise<{ reviews: number; leftOut: number }> {
    const values = [cycle.id, cycle.unitId, versionId];
    const reviews: unknown[] = await this.txHost.tx.query(
      `INSERT INTO skill_reviews (cycle_id, staff_id, role_level_id, role_level_slug, role_level_name, role_family_slug, unit_id)
       SELECT $1, i.staff_id, i.role_level_id, i.slug, i.name, i.family_slug, i.unit_id
         FROM (${IN_SCOPE}) i WHERE i.role_level_id IS NOT NULL
       RETURNING id`,
      values,
    );
    await this.txHost.tx.query(
      `INSERT INTO skill_review_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level)
       SELECT DISTINCT ON (r.id, sr.skill_id) r.id, sk.id, sk.slug, sk.name, sr.position, sr.required_level
         FROM skill_reviews r
         JOIN skill_requirements sr ON sr.role_level_id = r.role_level_id
         JOIN skills sk ON sk.id = sr.skill_id
        WHERE r.cycle_id = $1
        ORDER BY r.id, sr.skill_id, sr.required_level DESC, sr.position`,
      [cycle.id],
    );
    const leftOut: unknown[] = await this.txHost.tx.query(
      `INSERT INTO review_cycle_exclusions (cycle_id, staff_id, reason)
       SELECT $1, i.staff_id, CASE WHEN i.current_slug IS NULL THEN 'no_role_level' ELSE 'role_level_not_in_version' END
         FROM (${IN_SCOPE}) i WHERE i.role_level_id IS NULL
       RETURNING staff_id`,
      values,
    );
    return { reviews: reviews.length, leftOut: leftOut.length };
  }

  /**
   * Figures over the cycle's reviews that `visible` (SQL over `r` and `s`) admits; `values[0]` is the cycle's
   * id, the rest `visible`'s values.
   */
  async figures(visible: string, values: unknown[]): Promise<CycleFigures> {
    const [row]: Record<string, number>[] = await this.txHost.tx.query(
      `SELECT count(*)::int AS reviews,
              count(*) FILTER (WHERE r.state = 'not_started')::int AS not_started,
              count(*) FILTER (WHERE r.state = 'in_progress')::int AS in_progress,
              count(*) FILTER (WHERE r.state = 'self_assessed')::int AS self_assessed,
              count(*) FILTER (WHERE r.state = 'returned')::int AS returned,
              count(*) FILTER (WHERE r.state = 'validated')::int AS validated,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM skill_review_ratings x
                                              WHERE x.review_id = r.id AND x.flagged_for_calibration))::int AS flagged
         FROM skill_reviews r JOIN staff s ON s.id = r.staff_id
        WHERE r.cycle_id = $1 AND ${visible}`,
      values,
    );
    return {
      reviews: row?.reviews ?? 0,
      notStarted: row?.not_started ?? 0,
      inProgress: row?.in_progress ?? 0,
      selfAssessed: row?.self_assessed ?? 0,
      returned: row?.returned ?? 0,
      validated: row?.validated ?? 0,
      flaggedForCalibration: row?.flagged ?? 0,
    };
  }

  async leftOutCount(cycleId: string): Promise<number> {
    const [row]: { n: number }[] = await this.txHost.tx.query(
      'SELECT count(*)::int AS n FROM review_cycle_exclusions WHERE cycle_id = $1',
      [cycleId],
    );
    return row?.n ?? 0;
  }

  /** The staff left out at opening, by name. */
  async leftOut(cycleId: string, page: PageQuery): Promise<Page<LeftOutRow>> {
    const values: unknown[] = [cycleId, page.limit + 1];
    let after = '';
    if (page.cursor) {
      const [name, id] = decodeCursor(page.cursor, 2);
      values.push(name, id);
      after = 'AND (s.full_name, s.id) > ($3::text, $4::uuid)';
    }
    const rows: {
      staff_id: string;
      staff_number: string;
      full_name: string;
      unit_id: string;
      reason: ExclusionReason;
    }[] = await this.txHost.tx.query(
      `SELECT s.id AS staff_id, s.staff_number, s.full_name, s.unit_id, e.reason
           FROM review_cycle_exclusions e JOIN staff s ON s.id = e.staff_id
          WHERE e.cycle_id = $1 ${after}
          ORDER BY s.full_name, s.id LIMIT $2`,
      values,
    );
    return pageFrom(
      rows.map((r) => ({
        staffId: r.staff_id,
        staffNumber: r.staff_number,
        fullName: r.full_name,
        unitId: r.unit_id,
        reason: r.reason,
      })),
      page.limit,
      (last) => [last.fullName, last.staffId],
    );
  }
}
