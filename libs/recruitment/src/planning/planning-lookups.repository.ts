import { TransactionHost, type TransactionalAdapterTypeOrm } from '@capability/platform';
import { Injectable } from '@nestjs/common';

/** A role level of the current framework version, with its family. */
export interface CurrentRoleLevel {
  id: string;
  slug: string;
  name: string;
  roleFamilySlug: string;
}

export interface CurrentSkill {
  id: string;
  slug: string;
  name: string;
}

/**
 * What planning checks against other contexts' tables before it saves: role levels and skills of the current
 * framework, organisation units, grades, locations and users. Set-based: one statement per kind, however many.
 */
@Injectable()
export class PlanningLookupsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.txHost.tx.query<T[]>(sql, params);
  }

  /** The role levels of the current framework version among `ids`, by id. */
  async currentRoleLevels(ids: string[]): Promise<Map<string, CurrentRoleLevel>> {
    if (ids.length === 0) return new Map();
    const rows = await this.query<CurrentRoleLevel>(
      `SELECT rl.id, rl.slug, rl.name, rf.slug AS "roleFamilySlug" FROM role_levels rl
         JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rl.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The skills of the current framework version among `slugs`, by slug. */
  async currentSkills(slugs: string[]): Promise<Map<string, CurrentSkill>> {
    if (slugs.length === 0) return new Map();
    const rows = await this.query<CurrentSkill>(
      `SELECT sk.id, sk.slug, sk.name FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
        WHERE sk.slug = ANY($1::text[])`,
      [slugs],
    );
    return new Map(rows.map((r) => [r.slug, r]));
  }

  async currentFamily(slug: string): Promise<boolean> {
    const rows = await this.query(
      `SELECT 1 FROM role_families rf JOIN framework_versions v ON v.id = rf.version_id AND v.is_current
        WHERE rf.slug = $1`,
      [slug],
    );
    return rows.length > 0;
  }

  async unitExists(id: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM organisation_units WHERE id = $1', [id])).length > 0;
  }

  async gradeExists(id: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM grades WHERE id = $1', [id])).length > 0;
  }

  /** The ids among `ids` that are locations. */
  async existingLocations(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.query<{ id: string }>('SELECT id FROM locations WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** The ids among `ids` that are partners. */
  async existingPartners(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.query<{ id: string }>('SELECT id FROM partners WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** The ids among `ids` that are users who may sign in (not disabled). */
  async enabledUsers(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.query<{ id: string }>(
      'SELECT id FROM users WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL',
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }
}
