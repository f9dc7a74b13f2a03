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
import { EstablishmentPost } from './establishment-post.entity.js';

export type NewEstablishmentRow = Pick<
  EstablishmentPost,
  'unitId' | 'roleLevelId' | 'gradeId' | 'fundedPosts' | 'startsOn' | 'endsOn' | 'createdByUserId'
>;
export type EstablishmentPatch = Partial<Pick<EstablishmentPost, 'fundedPosts' | 'startsOn' | 'endsOn'>>;

export interface EstablishmentFilter {
  /** The unit and its subtree. */
  unitId?: string;
  roleFamily?: string;
  roleLevelId?: string;
  gradeId?: string;
  /** Rows funding posts on this day. */
  effectiveOn?: string;
}

/** An establishment row with what it refers to, as the API shows it. */
export interface EstablishmentPostView {
  id: string;
  unit: { id: string; code: string; name: string };
  roleLevel: { id: string; slug: string; name: string };
  roleFamilySlug: string;
  grade: { id: string; code: string; name: string };
  fundedPosts: number;
  startsOn: string;
  endsOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** One role level's figures in the establishment summary. */
export interface EstablishmentSummaryRow {
  roleFamilySlug: string;
  roleLevelSlug: string;
  roleLevelName: string;
  funded: number;
  inPost: number;
  interimInPost: number;
  openVacancyPosts: number;
  offersAwaitingStart: number;
}

export interface SummaryScope {
  day: string;
  unitId: string | null;
  roleFamily: string | null;
  /** The families the reader may see figures of; null for all. */
  families: string[] | null;
}

const VIEW_SQL = `SELECT e.id, e.unit_id, u.code AS unit_code, u.name AS unit_name, e.role_level_id,
       rl.slug AS role_level_slug, rl.name AS role_level_name, rf.slug AS role_family_slug, e.grade_id,
       g.code AS grade_code, g.name AS grade_name, e.funded_posts, to_char(e.starts_on, 'YYYY-MM-DD') AS starts_on,
       to_char(e.ends_on, 'YYYY-MM-DD') AS ends_on, e.created_at, e.updated_at, e.version
  FROM establishment_posts e
  JOIN organisation_units u ON u.id = e.unit_id
  JOIN role_levels rl ON rl.id = e.role_level_id
  JOIN roles r ON r.id = rl.role_id
  JOIN role_families rf ON rf.id = r.role_family_id
  JOIN grades g ON g.id = e.grade_id`;

interface RawView {
  id: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  role_level_id: string;
  role_level_slug: string;
  role_level_name: string;
  role_family_slug: string;
  grade_id: string;
  grade_code: string;
  grade_name: string;
  funded_posts: number;
  starts_on: string;
  ends_on: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function viewFromRaw(raw: RawView): EstablishmentPostView {
  return {
    id: raw.id,
    unit: { id: raw.unit_id, code: raw.unit_code, name: raw.unit_name },
    roleLevel: { id: raw.role_level_id, slug: raw.role_level_slug, name: raw.role_level_name },
    roleFamilySlug: raw.role_family_slug,
    grade: { id: raw.grade_id, code: raw.grade_code, name: raw.grade_name },
    fundedPosts: raw.funded_posts,
    startsOn: raw.starts_on,
    endsOn: raw.ends_on,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    version: raw.version,
  };
}

/** The units of `unitId`'s subtree, as SQL (all units when the parameter is null). */
const SUBTREE = (param: string): string =>
  `(SELECT ou.id FROM organisation_units ou WHERE ${param}::uuid IS NULL OR ou.path @> ARRAY[${param}::uuid])`;

/** Every role level of every framework version, with its slug and family. */
const LEVELS = `SELECT rl.id, rl.slug, rf.slug AS family FROM role_levels rl
  JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id`;

@Injectable()
export class EstablishmentRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get posts() {
    return this.txHost.tx.getRepository(EstablishmentPost);
  }

  /** The row when `visible` (SQL over `e`; its values after `$1`, the id) admits it; `lock` locks it. */
  async find(id: string, visible: string, values: unknown[], lock = false): Promise<EstablishmentPostView | null> {
    const rows: RawView[] = await this.txHost.tx.query(
      `${VIEW_SQL} WHERE e.id = $1 AND ${visible} ${lock ? 'FOR UPDATE OF e' : ''}`,
      [id, ...values],
    );
    return rows[0] ? viewFromRaw(rows[0]) : null;
  }

  /** Rows `visible` admits (SQL over `e`, its values after the filter's), newest first. */
  async list(
    filter: EstablishmentFilter,
    visible: (values: unknown[]) => string,
    page: PageQuery,
  ): Promise<Page<EstablishmentPostView>> {
    const values: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (filter.unitId) add((p) => `e.unit_id IN ${SUBTREE(p)}`, filter.unitId);
    if (filter.roleFamily) add((p) => `rf.slug = ${p}`, filter.roleFamily);
    if (filter.roleLevelId) add((p) => `e.role_level_id = ${p}::uuid`, filter.roleLevelId);
    if (filter.gradeId) add((p) => `e.grade_id = ${p}::uuid`, filter.gradeId);
    if (filter.effectiveOn) {
      add((p) => `e.starts_on <= ${p}::date AND (e.ends_on IS NULL OR e.ends_on > ${p}::date)`, filter.effectiveOn);
    }
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor, 2);
      values.push(createdAt, id);
      where.push(`(e.created_at, e.id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    where.push(visible(values));
    values.push(page.limit + 1);
    const rows: RawView[] = await this.txHost.tx.query(
      `${VIEW_SQL} WHERE ${where.join(' AND ')} ORDER BY e.created_at DESC, e.id DESC LIMIT $${values.length}`,
      values,
    );
    return pageFrom(rows.map(viewFromRaw), page.limit, (last) => [last.createdAt.toISOString(), last.id]);
  }

  /**
   * Serialises writes to one unit, role level (by slug) and grade until the transaction ends, so the overlap check
   * and the write that follows it are not raced by another.
   */
  async lockSlot(unitId: string, roleLevelId: string, gradeId: string): Promise<void> {
    await this.txHost.tx.query(
      `SELECT pg_advisory_xact_lock(hashtext('establishment:' || $1 || ':' ||
         (SELECT slug FROM role_levels WHERE id = $2) || ':' || $3))`,
      [unitId, roleLevelId, gradeId],
    );
  }

  /**
   * A row (other than `exceptId`) for the same unit, role level slug (any framework version) and grade whose period
   * overlaps [startsOn, endsOn).
   */
  async overlapping(
    row: { unitId: string; roleLevelId: string; gradeId: string; startsOn: string; endsOn: string | null },
    exceptId: string | null,
  ): Promise<{ id: string; startsOn: string; endsOn: string | null } | null> {
    const [found]: { id: string; starts_on: string; ends_on: string | null }[] = await this.txHost.tx.query(
      `SELECT e.id, to_char(e.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(e.ends_on, 'YYYY-MM-DD') AS ends_on
         FROM establishment_posts e JOIN role_levels rl ON rl.id = e.role_level_id
        WHERE e.unit_id = $1 AND e.grade_id = $3
          AND rl.slug = (SELECT slug FROM role_levels WHERE id = $2)
          AND daterange(e.starts_on, e.ends_on, '[)') && daterange($4::date, $5::date, '[)')
          AND ($6::uuid IS NULL OR e.id <> $6::uuid)
        ORDER BY e.starts_on LIMIT 1`,
      [row.unitId, row.roleLevelId, row.gradeId, row.startsOn, row.endsOn, exceptId],
    );
    return found ? { id: found.id, startsOn: found.starts_on, endsOn: found.ends_on } : null;
  }

  async insert(row: NewEstablishmentRow): Promise<string> {
    const result = await this.posts.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  async updateIfVersion(id: string, version: number, patch: EstablishmentPatch): Promise<boolean> {
    return (await updateIfVersion(this.posts, id, version, patch)) !== null;
  }

  /**
   * The establishment summary, per role level (matched by slug across framework versions): posts funded on `day`
   * (rows effective then), people in post on `day` by their current primary role level (started, not left; interim
   * and contractor staff counted apart), posts of open vacancies, and offers accepted by people not yet in post
   * (`recruitment_offers_awaiting_start`, which the applications part of recruitment defines). Everything within
   * the unit's subtree (all units without one), the family (all without one) and the reader's families.
   */
  async summary(scope: SummaryScope): Promise<EstablishmentSummaryRow[]> {
    return this.txHost.tx.query<EstablishmentSummaryRow[]>(
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
          WHERE s.unit_id IN (SELECT id FROM units)
            AND (s.start_date IS NULL OR s.start_date <= $1::date)
            AND (s.leaving_date IS NULL OR s.leaving_date > $1::date)
          GROUP BY l.slug, l.family),
       vacant AS (
         SELECT l.slug, l.family, sum(v.posts)::int AS n FROM vacancies v JOIN levels l ON l.id = v.role_level_id
          WHERE v.state = 'open' AND v.unit_id IN (SELECT id FROM units)
          GROUP BY l.slug, l.family),
       offers AS (
         SELECT l.slug, l.family, count(*)::int AS n FROM recruitment_offers_awaiting_start o
           JOIN levels l ON l.id = o.role_level_id
          WHERE o.unit_id IN (SELECT id FROM units)
          GROUP BY l.slug, l.family),
       keys AS (
         SELECT slug, family FROM funded UNION SELECT slug, family FROM in_post
         UNION SELECT slug, family FROM vacant UNION SELECT slug, family FROM offers)
       SELECT k.family AS "roleFamilySlug", k.slug AS "roleLevelSlug",
              (SELECT rl.name FROM role_levels rl JOIN framework_versions fv ON fv.id = rl.version_id
                WHERE rl.slug = k.slug ORDER BY fv.is_current DESC, fv.number DESC LIMIT 1) AS "roleLevelName",
              coalesce(f.n, 0) AS funded, coalesce(p.employed, 0) AS "inPost", coalesce(p.interim, 0) AS "interimInPost",
              coalesce(v.n, 0) AS "openVacancyPosts", coalesce(o.n, 0) AS "offersAwaitingStart"
         FROM keys k
         LEFT JOIN funded f ON f.slug = k.slug AND f.family = k.family
         LEFT JOIN in_post p ON p.slug = k.slug AND p.family = k.family
         LEFT JOIN vacant v ON v.slug = k.slug AND v.family = k.family
         LEFT JOIN offers o ON o.slug = k.slug AND o.family = k.family
        WHERE ($3::text IS NULL OR k.family = $3) AND ($4::text[] IS NULL OR k.family = ANY($4::text[]))
        ORDER BY k.family, k.slug`,
      [scope.day, scope.unitId, scope.roleFamily, scope.families],
    );
  }
}
