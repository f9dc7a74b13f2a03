import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { currentPrimaryAssignmentSql } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { chainSql, scopeFamilies, type PeopleScope, type Period } from './people-scope.js';

/** One role level's counts on a day (by slug across framework versions, as the establishment summary counts). */
export interface LevelCounts {
  roleFamily: string;
  role: string;
  roleLevel: string;
  roleLevelName: string;
  funded: number;
  inPost: number;
  interimInPost: number;
  openVacancyPosts: number;
}

/** A family's people in post, and how many of them interim or contractor, on a period's day. */
export interface FamilyPeriodCounts {
  period: string;
  roleFamily: string;
  people: number;
  interimAndContractor: number;
}

export interface FamilyMovements {
  roleFamily: string;
  joiners: number;
  leavers: number;
}

export interface WorkforceFilter {
  unitId: string | null;
  roleFamily: string | null;
  scope: PeopleScope;
}

/** The units of `unitId`'s subtree (all units when the parameter is null). */
const SUBTREE = (param: string): string =>
  `(SELECT ou.id FROM organisation_units ou WHERE ${param}::uuid IS NULL OR ou.path @> ARRAY[${param}::uuid])`;

/** Every role level of every framework version, with its slug, its role's slug and its family. */
const LEVELS = `SELECT rl.id, rl.slug, r.slug AS role, rf.slug AS family FROM role_levels rl
  JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id`;

/** The family is the one asked for (if any) and within the reader's families (if limited). */
const FAMILY_FILTER = (alias: string, family: string, families: string): string =>
  `(${family}::text IS NULL OR ${alias} = ${family}) AND (${families}::text[] IS NULL OR ${alias} = ANY(${families}::text[]))`;

/** In post on `day`: started on or before it (or no start recorded) and not left by it. */
const IN_POST = (day: string): string =>
  `(s.start_date IS NULL OR s.start_date <= ${day}) AND (s.leaving_date IS NULL OR s.leaving_date > ${day})`;

/**
 * The workforce report's SQL: headcount against the establishment, interim and contractor dependency over time,
 * joiners and leavers. "Funded" and "in post" are counted as the recruitment establishment summary counts them: rows
 * effective on the day, summed per role level slug; people started and not left on the day, by their primary role
 * level then, interim and contractor staff apart; open vacancies' posts.
 */
@Injectable()
export class WorkforceInsightsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Whether anyone has `staffId` as their line manager. */
  async managesAnyone(staffId: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT 1 FROM staff WHERE line_manager_id = $1 LIMIT 1', [
      staffId,
    ]);
    return rows.length > 0;
  }

  /** Per role level on `day`: funded posts, people in post (employed, interim and contractor), open vacancy posts. */
  async levels(filter: WorkforceFilter, day: string): Promise<LevelCounts[]> {
    const values: unknown[] = [day, filter.unitId, filter.roleFamily, scopeFamilies(filter.scope)];
    const chain = chainSql(filter.scope, 's', values);
    return this.txHost.tx.query<LevelCounts[]>(
      `WITH units AS ${SUBTREE('$2')},
       levels AS (${LEVELS}),
       funded AS (
         SELECT l.slug, l.family, sum(e.funded_posts)::int AS n FROM establishment_posts e
           JOIN levels l ON l.id = e.role_level_id
          WHERE e.unit_id IN (SELECT id FROM units) AND e.starts_on <= $1::date
            AND (e.ends_on IS NULL OR e.ends_on > $1::date)
          GROUP BY l.slug, l.family),
       in_post AS (
         SELECT l.slug, l.family,
                count(*) FILTER (WHERE s.employment_type NOT IN ('interim', 'contractor'))::int AS employed,
                count(*) FILTER (WHERE s.employment_type IN ('interim', 'contractor'))::int AS interim
           FROM staff s
           JOIN levels l ON l.id = ${currentPrimaryAssignmentSql('s', '$1::date', 'ra.role_level_id')}
          WHERE s.unit_id IN (SELECT id FROM units) AND ${IN_POST('$1::date')} AND ${chain}
          GROUP BY l.slug, l.family),
       vacant AS (
         SELECT l.slug, l.family, sum(v.posts)::int AS n FROM vacancies v JOIN levels l ON l.id = v.role_level_id
          WHERE v.state = 'open' AND v.unit_id IN (SELECT id FROM units)
          GROUP BY l.slug, l.family),
       keys AS (SELECT slug, family FROM funded UNION SELECT slug, family FROM in_post UNION SELECT slug, family FROM vacant),
       named AS (
         SELECT DISTINCT ON (rl.slug) rl.slug, rl.name, r.slug AS role FROM role_levels rl
           JOIN roles r ON r.id = rl.role_id JOIN framework_versions fv ON fv.id = rl.version_id
          ORDER BY rl.slug, fv.is_current DESC, fv.number DESC)
       SELECT k.family AS "roleFamily", n.role, k.slug AS "roleLevel", n.name AS "roleLevelName",
              coalesce(f.n, 0) AS funded, coalesce(p.employed, 0) AS "inPost", coalesce(p.interim, 0) AS "interimInPost",
              coalesce(v.n, 0) AS "openVacancyPosts"
         FROM keys k JOIN named n ON n.slug = k.slug
         LEFT JOIN funded f ON f.slug = k.slug AND f.family = k.family
         LEFT JOIN in_post p ON p.slug = k.slug AND p.family = k.family
         LEFT JOIN vacant v ON v.slug = k.slug AND v.family = k.family
        WHERE ${FAMILY_FILTER('k.family', '$3', '$4')}
        ORDER BY k.family COLLATE "C", n.role COLLATE "C", k.slug COLLATE "C"`,
      values,
    );
  }

  /** Per period and family: people in post on the period's day, and how many of them interim or contractor. */
  async familyTrend(filter: WorkforceFilter, periods: Period[]): Promise<FamilyPeriodCounts[]> {
    const values: unknown[] = [
      periods.map((p) => p.period),
      periods.map((p) => p.day),
      filter.unitId,
      filter.roleFamily,
      scopeFamilies(filter.scope),
    ];
    const chain = chainSql(filter.scope, 's', values);
    return this.txHost.tx.query<FamilyPeriodCounts[]>(
      `WITH units AS ${SUBTREE('$3')}, levels AS (${LEVELS}),
       days AS (SELECT * FROM unnest($1::text[], $2::date[]) AS d(period, day)),
       counted AS (
         SELECT d.period, l.family, s.employment_type FROM days d
           JOIN staff s ON s.unit_id IN (SELECT id FROM units) AND ${IN_POST('d.day')}
           JOIN levels l ON l.id = ${currentPrimaryAssignmentSql('s', 'd.day', 'ra.role_level_id')}
          WHERE ${chain})
       SELECT period, family AS "roleFamily", count(*)::int AS people,
              count(*) FILTER (WHERE employment_type IN ('interim', 'contractor'))::int AS "interimAndContractor"
         FROM counted WHERE ${FAMILY_FILTER('family', '$4', '$5')}
        GROUP BY period, family ORDER BY period COLLATE "C", family COLLATE "C"`,
      values,
    );
  }

  /**
   * Per family: joiners (start date within [from, to], family by their primary role on that day) and leavers
   * (leaving date within it, family by their primary role on their last day).
   */
  async movements(filter: WorkforceFilter, from: string, to: string): Promise<FamilyMovements[]> {
    const values: unknown[] = [from, to, filter.unitId, filter.roleFamily, scopeFamilies(filter.scope)];
    const chain = chainSql(filter.scope, 's', values);
    return this.txHost.tx.query<FamilyMovements[]>(
      `WITH units AS ${SUBTREE('$3')}, levels AS (${LEVELS}),
       moves AS (
         SELECT 'joiner' AS kind, l.family FROM staff s
           JOIN levels l ON l.id = ${currentPrimaryAssignmentSql('s', 's.start_date', 'ra.role_level_id')}
          WHERE s.start_date BETWEEN $1::date AND $2::date AND s.unit_id IN (SELECT id FROM units) AND ${chain}
         UNION ALL
         SELECT 'leaver', l.family FROM staff s
           JOIN levels l ON l.id = ${currentPrimaryAssignmentSql('s', '(s.leaving_date - 1)', 'ra.role_level_id')}
          WHERE s.leaving_date BETWEEN $1::date AND $2::date AND s.unit_id IN (SELECT id FROM units) AND ${chain})
       SELECT family AS "roleFamily", count(*) FILTER (WHERE kind = 'joiner')::int AS joiners,
              count(*) FILTER (WHERE kind = 'leaver')::int AS leavers
         FROM moves WHERE ${FAMILY_FILTER('family', '$4', '$5')}
        GROUP BY family ORDER BY family COLLATE "C"`,
      values,
    );
  }
}
