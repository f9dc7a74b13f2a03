import {
  decodeCursor,
  pageFrom,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  ValidationFailedError,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { InclusionPackage, LearningFormat, LearningItem, ProviderKind } from './learning-item.entity.js';

/** A skill an item develops, with the level it takes a learner to (name: the current version's, if any). */
export interface ItemSkill {
  slug: string;
  name: string | null;
  level: number;
}

export type LearningItemDetail = Omit<LearningItem, 'hours'> & { hours: number | null; skills: ItemSkill[] };

export interface LearningItemFilter {
  /** Develops this skill (slug); with `level`, to at least that level. */
  skill?: string;
  /** Takes a learner to at least this level (of `skill`, or of any skill). */
  level?: number;
  /** Develops a skill some role of this family (current framework version) requires. */
  roleFamily?: string;
  format?: LearningFormat;
  providerKind?: ProviderKind;
  /** Counts towards digital inclusion. */
  inclusion?: boolean;
  inclusionPackage?: InclusionPackage;
  active?: boolean;
  /** Title or description contains, case-insensitive. */
  q?: string;
}

export interface LearningItemRow {
  code: string;
  title: string;
  providerKind: ProviderKind;
  providerName: string;
  format: LearningFormat;
  hours: number | null;
  url: string | null;
  description: string | null;
  countsTowardsInclusion: boolean;
  inclusionPackage: InclusionPackage | null;
  active: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  location: string | null;
  demo?: boolean;
  createdByUserId?: string | null;
}

/** A skill of the current framework version: its id, and the highest level the framework describes for it. */
export interface CurrentSkill {
  id: string;
  slug: string;
  name: string;
  highestLevel: number;
}

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, '\\$&');

/** Skill slugs each role family's roles need, in the current framework version (levelled roles and SCS roles). */
export const FAMILY_SKILLS_SQL = `
  SELECT f.slug AS family_slug, sk.slug AS skill_slug
    FROM framework_versions v
    JOIN skill_requirements q ON q.version_id = v.id
    JOIN role_levels rl ON rl.id = q.role_level_id
    JOIN roles r ON r.id = rl.role_id
    JOIN role_families f ON f.id = r.role_family_id
    JOIN skills sk ON sk.id = q.skill_id
   WHERE v.is_current
  UNION
  SELECT f.slug, sk.slug
    FROM framework_versions v
    JOIN roles r ON r.version_id = v.id
    JOIN role_skills rs ON rs.role_id = r.id
    JOIN role_families f ON f.id = r.role_family_id
    JOIN skills sk ON sk.id = rs.skill_id
   WHERE v.is_current`;

/** The item columns as the entity's properties, and its skills as a JSON array. */
const ITEM_SELECT = `SELECT i.id, i.code, i.title, i.provider_kind AS "providerKind", i.provider_name AS "providerName",
       i.format, i.hours::float8 AS hours, i.url, i.description, i.counts_towards_inclusion AS "countsTowardsInclusion",
       i.inclusion_package AS "inclusionPackage", i.active, i.starts_at AS "startsAt", i.ends_at AS "endsAt",
       i.location, i.demo, i.created_by_user_id AS "createdByUserId", i.created_at AS "createdAt",
       i.updated_at AS "updatedAt", i.version,
       coalesce((SELECT json_agg(json_build_object('slug', s.skill_slug, 'name', sk.name, 'level', s.level)
                                 ORDER BY s.skill_slug)
                   FROM learning_item_skills s LEFT JOIN skills sk ON sk.id = s.skill_id
                  WHERE s.item_id = i.id), '[]'::json) AS skills
  FROM learning_items i`;

@Injectable()
export class LearningItemsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  async findById(id: string, lock = false): Promise<LearningItemDetail | null> {
    if (lock) await this.query('SELECT 1 FROM learning_items WHERE id = $1 FOR UPDATE', [id]);
    const [row] = await this.query<LearningItemDetail>(`${ITEM_SELECT} WHERE i.id = $1`, [id]);
    return row ?? null;
  }

  async list(filter: LearningItemFilter, page: PageQuery): Promise<Page<LearningItemDetail>> {
    const values: unknown[] = [];
    const param = (value: unknown, cast = ''): string => {
      values.push(value);
      return `$${values.length}${cast}`;
    };
    const where = ['TRUE'];
    if (filter.skill || filter.level !== undefined) {
      const conditions = ['s.item_id = i.id'];
      if (filter.skill) conditions.push(`s.skill_slug = ${param(filter.skill)}`);
      if (filter.level !== undefined) conditions.push(`s.level >= ${param(filter.level, '::int')}`);
      where.push(`EXISTS (SELECT 1 FROM learning_item_skills s WHERE ${conditions.join(' AND ')})`);
    }
    if (filter.roleFamily) {
      where.push(`EXISTS (SELECT 1 FROM learning_item_skills s
        JOIN (${FAMILY_SKILLS_SQL}) fs ON fs.skill_slug = s.skill_slug
       WHERE s.item_id = i.id AND fs.family_slug = ${param(filter.roleFamily)})`);
    }
    if (filter.format) where.push(`i.format = ${param(filter.format)}`);
    if (filter.providerKind) where.push(`i.provider_kind = ${param(filter.providerKind)}`);
    if (filter.inclusion !== undefined) where.push(`i.counts_towards_inclusion = ${param(filter.inclusion)}`);
    if (filter.inclusionPackage) where.push(`i.inclusion_package = ${param(filter.inclusionPackage)}`);
    if (filter.active !== undefined) where.push(`i.active = ${param(filter.active)}`);
    if (filter.q) {
      // The expression of the trigram GIN index of the LearningCatalogue migration.
      const q = param(`%${escapeLike(filter.q.toLowerCase())}%`);
      where.push(`lower(i.title || ' ' || coalesce(i.description, '')) LIKE ${q}`);
    }
    if (page.cursor) {
      const [title, id] = decodeCursor(page.cursor, 2);
      if (typeof title !== 'string' || typeof id !== 'string' || !isUUID(id)) {
        throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not one this list returned' }]);
      }
      where.push(`(i.title, i.id) > (${param(title)}, ${param(id, '::uuid')})`);
    }
    const rows = await this.query<LearningItemDetail>(
      `${ITEM_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.title, i.id LIMIT ${param(page.limit + 1, '::int')}`,
      values,
    );
    return pageFrom(rows, page.limit, (last) => [last.title, last.id]);
  }

  /** The current framework version's skills with these slugs (absent ones are not in it). */
  async currentSkills(slugs: string[]): Promise<Map<string, CurrentSkill>> {
    const rows = await this.query<CurrentSkill>(
      `SELECT sk.id, sk.slug, sk.name,
              CASE WHEN sk.expert_text IS NOT NULL THEN 4 WHEN sk.practitioner_text IS NOT NULL THEN 3
                   WHEN sk.working_text IS NOT NULL THEN 2 WHEN sk.awareness_text IS NOT NULL THEN 1
                   ELSE 4 END AS "highestLevel"
         FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
        WHERE sk.slug = ANY($1::text[])`,
      [slugs],
    );
    return new Map(rows.map((r) => [r.slug, r]));
  }

  /** Of these skill slugs, those no role of the given families (current framework version) needs. */
  async skillsOutsideFamilies(slugs: string[], families: readonly string[]): Promise<string[]> {
    if (slugs.length === 0) return [];
    const rows = await this.query<{ slug: string }>(
      `SELECT u.slug FROM unnest($1::text[]) AS u(slug)
        WHERE NOT EXISTS (SELECT 1 FROM (${FAMILY_SKILLS_SQL}) fs
                           WHERE fs.skill_slug = u.slug AND fs.family_slug = ANY($2::text[]))
        ORDER BY u.slug`,
      [slugs, families],
    );
    return rows.map((r) => r.slug);
  }

  async insert(row: LearningItemRow): Promise<string> {
    const [inserted] = await this.query<{ id: string }>(
      `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours, url, description,
         counts_towards_inclusion, inclusion_package, active, starts_at, ends_at, location, demo, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        row.code,
        row.title,
        row.providerKind,
        row.providerName,
        row.format,
        row.hours,
        row.url,
        row.description,
        row.countsTowardsInclusion,
        row.inclusionPackage,
        row.active,
        row.startsAt,
        row.endsAt,
        row.location,
        row.demo ?? false,
        row.createdByUserId ?? null,
      ],
    );
    return (inserted as { id: string }).id;
  }

  /** Optimistic update: only when the stored version is `version`. False when the id or version did not match. */
  async updateIfVersion(id: string, version: number, row: LearningItemRow): Promise<boolean> {
    // A raw UPDATE answers [rows, affected row count].
    const [, affected] = await this.txHost.tx.query<[unknown[], number]>(
      `UPDATE learning_items SET code = $3, title = $4, provider_kind = $5, provider_name = $6, format = $7,
              hours = $8, url = $9, description = $10, counts_towards_inclusion = $11, inclusion_package = $12,
              active = $13, starts_at = $14, ends_at = $15, location = $16, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        version,
        row.code,
        row.title,
        row.providerKind,
        row.providerName,
        row.format,
        row.hours,
        row.url,
        row.description,
        row.countsTowardsInclusion,
        row.inclusionPackage,
        row.active,
        row.startsAt,
        row.endsAt,
        row.location,
      ],
    );
    return affected > 0;
  }

  /** Replaces the item's skills (skill ids resolved from the current framework version by slug). */
  async replaceSkills(itemId: string, skills: { slug: string; level: number }[]): Promise<void> {
    await this.query('DELETE FROM learning_item_skills WHERE item_id = $1', [itemId]);
    if (skills.length === 0) return;
    await this.query(
      `INSERT INTO learning_item_skills (item_id, skill_slug, skill_id, level)
       SELECT $1, u.slug, sk.id, u.level
         FROM unnest($2::text[], $3::int[]) AS u(slug, level)
         LEFT JOIN (SELECT sk.id, sk.slug FROM skills sk JOIN framework_versions v ON v.id = sk.version_id
                     WHERE v.is_current) sk ON sk.slug = u.slug`,
      [itemId, skills.map((s) => s.slug), skills.map((s) => s.level)],
    );
  }
}
