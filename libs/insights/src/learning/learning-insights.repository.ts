import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { currentPrimaryAssignmentSql } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { chainSql, scopeFamilies, type PeopleScope } from '../people/people-scope.js';

/** Who the report counts: staff in post on `day`, in the unit's subtree, the family asked for, the reader's scope. */
export interface LearningFilter {
  day: string;
  unitId: string | null;
  roleFamily: string | null;
  scope: PeopleScope;
}

/** One grouping's raw counts of verified completions (`kind` says which grouping; `total` is every group). */
export interface CompletionCounts {
  kind: 'item' | 'family' | 'unit' | 'total';
  /** The item (null: external learning), the family slug (null: no primary role), the unit group; null for total. */
  id: string | null;
  people: number;
  completions: number;
  /** Sum of hours, as a decimal string. */
  hours: string;
}

export interface ItemLabel {
  id: string;
  code: string;
  title: string;
  inclusionPackage: string | null;
}
export interface UnitLabel {
  id: string;
  code: string;
  name: string;
}

export interface UptakeCounts {
  inScope: number;
  /** Completed (verified, by `day`) an item of each package / of either. */
  digitalAwareness: number;
  digitalSkills: number;
  either: number;
}

export interface ReviewCycleRef {
  id: string;
  name: string;
  state: 'draft' | 'open' | 'closed';
  closesOn: string;
  closedAt: Date | null;
}

export interface SkillClosureCounts {
  skillSlug: string;
  skillName: string;
  people: number;
  closed: number;
  learned: number;
  learnedClosed: number;
}

const FAMILY_OF = (alias: string, day: string): string =>
  currentPrimaryAssignmentSql(
    alias,
    day,
    'rf.slug',
    'JOIN role_levels rl ON rl.id = ra.role_level_id JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id',
  );

/**
 * The population CTEs (`depth`, `pop`): staff in post on $1, in $2's subtree, whose primary role family on $1 is $3
 * (when asked) and within $4 (a head of profession's families), in the reader's chain; each with their family and the
 * unit group they count in (the child of $2 their unit lies under, $2 itself for its own staff; top-level units
 * without $2).
 */
function population(chain: string): string {
  return `depth AS (SELECT coalesce((SELECT cardinality(path) FROM organisation_units WHERE id = $2::uuid), 0) AS d),
    staffed AS (
      SELECT s.id, ${FAMILY_OF('s', '$1::date')} AS family, coalesce(u.path[(SELECT d FROM depth) + 1], u.id) AS group_id
        FROM staff s JOIN organisation_units u ON u.id = s.unit_id
       WHERE (s.start_date IS NULL OR s.start_date <= $1::date) AND (s.leaving_date IS NULL OR s.leaving_date > $1::date)
         AND ($2::uuid IS NULL OR u.path @> ARRAY[$2::uuid]) AND ${chain}),
    pop AS (
      SELECT * FROM staffed
       WHERE ($3::text IS NULL OR family = $3) AND ($4::text[] IS NULL OR family = ANY($4::text[])))`;
}

/**
 * The learning report's SQL over the learning records and catalogue, the staff records and the skills reviews (read
 * here, owned there). A completion counts once its record is verified.
 */
@Injectable()
export class LearningInsightsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private base(filter: LearningFilter): { values: unknown[]; chain: string } {
    const values: unknown[] = [filter.day, filter.unitId, filter.roleFamily, scopeFamilies(filter.scope)];
    return { values, chain: chainSql(filter.scope, 's', values) };
  }

  /** Verified completions within [from, day] of the people counted: per item, family, unit group, and in total. */
  async completions(filter: LearningFilter, from: string): Promise<CompletionCounts[]> {
    const { values, chain } = this.base(filter);
    values.push(from);
    const fromParam = `$${values.length}`;
    const rows: {
      g_item: number;
      g_family: number;
      g_unit: number;
      item_id: string | null;
      family: string | null;
      group_id: string | null;
      people: number;
      completions: number;
      hours: string;
    }[] = await this.txHost.tx.query(
      `WITH ${population(chain)},
       done AS (
         SELECT lr.staff_id, lr.learning_item_id AS item_id, p.family, p.group_id, lr.hours
           FROM learning_records lr JOIN pop p ON p.id = lr.staff_id
          WHERE lr.state = 'verified' AND lr.completed_on BETWEEN ${fromParam}::date AND $1::date)
       SELECT GROUPING(item_id) AS g_item, GROUPING(family) AS g_family, GROUPING(group_id) AS g_unit,
              item_id, family, group_id, count(DISTINCT staff_id)::int AS people, count(*)::int AS completions,
              coalesce(sum(hours), 0)::text AS hours
         FROM done
        GROUP BY GROUPING SETS ((item_id), (family), (group_id), ())`,
      values,
    );
    return rows.map((r) => {
      const kind = r.g_item === 0 ? 'item' : r.g_family === 0 ? 'family' : r.g_unit === 0 ? 'unit' : ('total' as const);
      return {
        kind,
        id: kind === 'item' ? r.item_id : kind === 'family' ? r.family : kind === 'unit' ? r.group_id : null,
        people: r.people,
        completions: r.completions,
        hours: r.hours,
      };
    });
  }

  async items(ids: string[]): Promise<ItemLabel[]> {
    return this.txHost.tx.query<ItemLabel[]>(
      `SELECT id, code, title, inclusion_package AS "inclusionPackage" FROM learning_items WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async units(ids: string[]): Promise<UnitLabel[]> {
    return this.txHost.tx.query<UnitLabel[]>(
      'SELECT id, code, name FROM organisation_units WHERE id = ANY($1::uuid[])',
      [ids],
    );
  }

  /** The people counted, and how many completed (verified, by the day) an item of each inclusion package. */
  async uptake(filter: LearningFilter): Promise<UptakeCounts> {
    const { values, chain } = this.base(filter);
    const [row] = await this.txHost.tx.query<UptakeCounts[]>(
      `WITH ${population(chain)},
       took AS (
         SELECT p.id,
                bool_or(li.inclusion_package = 'digital-awareness') AS awareness,
                bool_or(li.inclusion_package = 'digital-skills') AS skills
           FROM pop p
           LEFT JOIN learning_records lr ON lr.staff_id = p.id AND lr.state = 'verified' AND lr.completed_on <= $1::date
           LEFT JOIN learning_items li ON li.id = lr.learning_item_id AND li.inclusion_package IS NOT NULL
          GROUP BY p.id)
       SELECT count(*)::int AS "inScope",
              count(*) FILTER (WHERE awareness)::int AS "digitalAwareness",
              count(*) FILTER (WHERE skills)::int AS "digitalSkills",
              count(*) FILTER (WHERE awareness OR skills)::int AS either
         FROM took`,
      values,
    );
    return row!;
  }

  async cycle(id: string): Promise<ReviewCycleRef | null> {
    const [row] = await this.txHost.tx.query<ReviewCycleRef[]>(
      `SELECT id, name, state, to_char(closes_on, 'YYYY-MM-DD') AS "closesOn", closed_at AS "closedAt"
         FROM review_cycles WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The closed cycles, the one closed last first (ties by id, so the order is stable). */
  async closedCycles(): Promise<ReviewCycleRef[]> {
    return this.txHost.tx.query<ReviewCycleRef[]>(
      `SELECT id, name, state, to_char(closes_on, 'YYYY-MM-DD') AS "closesOn", closed_at AS "closedAt"
         FROM review_cycles WHERE state = 'closed' ORDER BY closed_at DESC, id DESC`,
    );
  }

  /** The open cycle opened last (ties by id), or null when none is open. */
  async latestOpenCycle(): Promise<ReviewCycleRef | null> {
    const [row] = await this.txHost.tx.query<ReviewCycleRef[]>(
      `SELECT id, name, state, to_char(closes_on, 'YYYY-MM-DD') AS "closesOn", closed_at AS "closedAt"
         FROM review_cycles WHERE state = 'open' ORDER BY opened_at DESC NULLS LAST, id DESC LIMIT 1`,
    );
    return row ?? null;
  }

  /**
   * Per skill (by slug, stable across framework versions): the people counted whose validated level was below the
   * required level in `fromCycle` and who have a validated level for it (required) in `toCycle`; of them, how many
   * reached the required level there (closed), how many completed verified learning mapped to the skill (the item's
   * skills, or the skills a record claims) in (`after`, `until`], and how many of those closed.
   */
  async gapClosure(
    filter: LearningFilter,
    fromCycleId: string,
    toCycleId: string,
    after: string,
    until: string,
  ): Promise<SkillClosureCounts[]> {
    const { values, chain } = this.base(filter);
    values.push(fromCycleId, toCycleId, after, until);
    const n = values.length;
    const [fromP, toP, afterP, untilP] = [`$${n - 3}`, `$${n - 2}`, `$${n - 1}`, `$${n}`];
    return this.txHost.tx.query<SkillClosureCounts[]>(
      `WITH ${population(chain)},
       rated AS (
         SELECT r.cycle_id, r.staff_id, rr.skill_slug, min(rr.skill_name) AS skill_name,
                bool_and(rr.validated_level >= rr.required_level) AS met
           FROM skill_reviews r JOIN skill_review_ratings rr ON rr.review_id = r.id
          WHERE r.cycle_id IN (${fromP}::uuid, ${toP}::uuid) AND r.state = 'validated'
            AND rr.required_level IS NOT NULL AND rr.validated_level IS NOT NULL
            AND r.staff_id IN (SELECT id FROM pop)
          GROUP BY r.cycle_id, r.staff_id, rr.skill_slug),
       cohort AS (
         SELECT f.staff_id, f.skill_slug, f.skill_name, t.met AS closed,
                EXISTS (
                  SELECT 1 FROM learning_records lr
                   WHERE lr.staff_id = f.staff_id AND lr.state = 'verified'
                     AND lr.completed_on > ${afterP}::date AND lr.completed_on <= ${untilP}::date
                     AND (f.skill_slug = ANY(lr.skill_slugs) OR EXISTS (
                       SELECT 1 FROM learning_item_skills lis
                        WHERE lis.item_id = lr.learning_item_id AND lis.skill_slug = f.skill_slug))) AS learned
           FROM rated f JOIN rated t ON t.staff_id = f.staff_id AND t.skill_slug = f.skill_slug AND t.cycle_id = ${toP}::uuid
          WHERE f.cycle_id = ${fromP}::uuid AND NOT f.met)
       SELECT skill_slug AS "skillSlug", min(skill_name) AS "skillName", count(*)::int AS people,
              count(*) FILTER (WHERE closed)::int AS closed, count(*) FILTER (WHERE learned)::int AS learned,
              count(*) FILTER (WHERE learned AND closed)::int AS "learnedClosed"
         FROM cohort GROUP BY skill_slug ORDER BY skill_slug COLLATE "C"`,
      values,
    );
  }
}
