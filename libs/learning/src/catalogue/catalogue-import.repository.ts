import { TransactionHost, type TransactionalAdapterTypeOrm } from '@capability/platform';
import { IMPORT_TIMEOUTS_SQL, importTimeoutValues } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { CatalogueRow } from './catalogue-csv.js';

/** An item as stored, in the file's terms, to tell a changed row from an unchanged one. */
export interface StoredItem {
  id: string;
  code: string;
  /** The row's fields and skills, as a comparable key. */
  key: string;
}

/** The comparable key of an item: every imported field, skills sorted by slug. */
export function itemKey(row: Omit<CatalogueRow, 'row'>): string {
  return JSON.stringify([
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
    row.startsAt ? row.startsAt.getTime() : null,
    row.endsAt ? row.endsAt.getTime() : null,
    row.location,
    [...row.skills].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)).map((s) => `${s.slug}:${s.level}`),
  ]);
}

/**
 * Set-based SQL for the catalogue import: the checked rows go to PostgreSQL as one JSON array, are upserted by
 * code in one statement and their skills replaced in two, inside the caller's transaction.
 */
@Injectable()
export class CatalogueImportRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  /** Longer statement and lock timeouts for this transaction, and one import at a time. */
  async prepare(timeoutMs: number): Promise<void> {
    await this.query(IMPORT_TIMEOUTS_SQL, importTimeoutValues(timeoutMs));
    await this.query(`SELECT pg_advisory_xact_lock(hashtext('learning:catalogue-import'))`);
  }

  /** The stored items with these codes, locked until the transaction ends. */
  async stored(codes: string[]): Promise<Map<string, StoredItem>> {
    const rows = await this.query<
      Omit<CatalogueRow, 'row' | 'startsAt' | 'endsAt'> & {
        id: string;
        startsAt: Date | null;
        endsAt: Date | null;
      }
    >(
      `SELECT i.id, i.code, i.title, i.provider_kind AS "providerKind", i.provider_name AS "providerName", i.format,
              i.hours::float8 AS hours, i.url, i.description, i.counts_towards_inclusion AS "countsTowardsInclusion",
              i.inclusion_package AS "inclusionPackage", i.active, i.starts_at AS "startsAt", i.ends_at AS "endsAt",
              i.location,
              coalesce((SELECT json_agg(json_build_object('slug', s.skill_slug, 'level', s.level))
                          FROM learning_item_skills s WHERE s.item_id = i.id), '[]'::json) AS skills
         FROM learning_items i WHERE i.code = ANY($1::text[]) ORDER BY i.id FOR UPDATE`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { id: r.id, code: r.code, key: itemKey(r) }]));
  }

  /** Inserts new items and updates changed ones (version + 1), then replaces the skills of all of them. */
  async apply(rows: CatalogueRow[], actorUserId: string | null): Promise<void> {
    if (rows.length === 0) return;
    const json = JSON.stringify(
      rows.map((r) => ({
        code: r.code,
        title: r.title,
        provider_kind: r.providerKind,
        provider_name: r.providerName,
        format: r.format,
        hours: r.hours,
        url: r.url,
        description: r.description,
        counts_towards_inclusion: r.countsTowardsInclusion,
        inclusion_package: r.inclusionPackage,
        active: r.active,
        starts_at: r.startsAt?.toISOString() ?? null,
        ends_at: r.endsAt?.toISOString() ?? null,
        location: r.location,
        skills: r.skills,
      })),
    );
    await this.query(
      `CREATE TEMP TABLE learning_catalogue_import ON COMMIT DROP AS
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(code text, title text, provider_kind text, provider_name text,
         format text, hours numeric, url text, description text, counts_towards_inclusion boolean,
         inclusion_package text, active boolean, starts_at timestamptz, ends_at timestamptz, location text,
         skills jsonb)`,
      [json],
    );
    await this.query(
      `INSERT INTO learning_items AS i (code, title, provider_kind, provider_name, format, hours, url, description,
         counts_towards_inclusion, inclusion_package, active, starts_at, ends_at, location, created_by_user_id)
       SELECT code, title, provider_kind, provider_name, format, hours, url, description, counts_towards_inclusion,
              inclusion_package, active, starts_at, ends_at, location, $1::uuid
         FROM learning_catalogue_import
       ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, provider_kind = EXCLUDED.provider_kind,
         provider_name = EXCLUDED.provider_name, format = EXCLUDED.format, hours = EXCLUDED.hours, url = EXCLUDED.url,
         description = EXCLUDED.description, counts_towards_inclusion = EXCLUDED.counts_towards_inclusion,
         inclusion_package = EXCLUDED.inclusion_package, active = EXCLUDED.active, starts_at = EXCLUDED.starts_at,
         ends_at = EXCLUDED.ends_at, location = EXCLUDED.location, version = i.version + 1, updated_at = now()`,
      [actorUserId],
    );
    await this.query(
      `DELETE FROM learning_item_skills s USING learning_items i, learning_catalogue_import x
        WHERE s.item_id = i.id AND i.code = x.code`,
    );
    await this.query(
      `INSERT INTO learning_item_skills (item_id, skill_slug, skill_id, level)
       SELECT i.id, e.slug, sk.id, e.level
         FROM learning_catalogue_import x
         JOIN learning_items i ON i.code = x.code
         CROSS JOIN LATERAL jsonb_to_recordset(x.skills) AS e(slug text, level smallint)
         LEFT JOIN (SELECT sk.id, sk.slug FROM skills sk JOIN framework_versions v ON v.id = sk.version_id
                     WHERE v.is_current) sk ON sk.slug = e.slug`,
    );
  }
}
