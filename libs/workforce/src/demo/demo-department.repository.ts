import { TransactionHost, type TransactionalAdapterTypeOrm } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DemoLocation, DemoRoleLevel, DemoUnit } from './demo-department.generator.js';

/** Staff records the demo personas sign in as (null when the data has nobody suitable). */
export interface DemoPersonaStaff {
  /** Leads a team two levels deep: their reports include someone who manages others. */
  lineManager: string | null;
  /** Holds a senior role in the Data family. */
  headOfData: string | null;
  /** Holds a DDaT role, manages nobody, and sits two levels below the line manager when possible. */
  member: string | null;
}

const ACTIVE = '(s.leaving_date IS NULL OR s.leaving_date > current_date)';
const CURRENT_ROLE = `JOIN role_assignments ra ON ra.staff_id = s.id AND ra.is_primary
    AND ra.starts_on <= current_date AND (ra.ends_on IS NULL OR ra.ends_on > current_date)
  JOIN role_levels rl ON rl.id = ra.role_level_id`;

/** Reference rows and lookups for the demo department; staff go in through the import. */
@Injectable()
export class DemoDepartmentRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  async anyStaff(): Promise<boolean> {
    return (await this.query('SELECT 1 FROM staff LIMIT 1')).length > 0;
  }

  /** Role levels of the current framework version. */
  roleLevels(): Promise<DemoRoleLevel[]> {
    return this.query(`SELECT rl.slug, rl.name, rl.position, r.slug AS "roleSlug", rf.slug AS "familySlug"
      FROM role_levels rl
      JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
      JOIN roles r ON r.id = rl.role_id
      JOIN role_families rf ON rf.id = r.role_family_id
      ORDER BY rf.slug, r.slug, rl.position`);
  }

  /** Adds the locations whose code and name are free; existing ones are kept as they are. */
  async insertLocations(locations: DemoLocation[]): Promise<void> {
    await this.query(
      `INSERT INTO locations (code, name, region, is_regional_hub)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
       ON CONFLICT DO NOTHING`,
      [
        locations.map((l) => l.code),
        locations.map((l) => l.name),
        locations.map((l) => l.region),
        locations.map((l) => l.isRegionalHub),
      ],
    );
  }

  /**
   * Adds the units whose code is free, one statement per tree level (a unit's path is its parent's
   * plus its own id, so parents go first). Units are given parent first.
   */
  async insertUnits(units: DemoUnit[]): Promise<void> {
    const depth = new Map<string, number>();
    for (const unit of units) depth.set(unit.code, unit.parentCode ? (depth.get(unit.parentCode) ?? 0) + 1 : 0);
    const levels = [...new Set(depth.values())].sort((a, b) => a - b);
    for (const level of levels) {
      const batch = units.filter((u) => depth.get(u.code) === level);
      await this.query(
        `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
         SELECT n.id, n.code, n.name, n.type, p.id, coalesce(p.path, '{}'::uuid[]) || n.id
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS n(id, code, name, type, parent_code)
         LEFT JOIN organisation_units p ON p.code = n.parent_code
         ON CONFLICT (code) DO NOTHING`,
        [
          batch.map(() => randomUUID()),
          batch.map((u) => u.code),
          batch.map((u) => u.name),
          batch.map((u) => u.type),
          batch.map((u) => u.parentCode),
        ],
      );
    }
  }

  /** Picks the personas' staff records; deterministic for the same data. */
  async personaStaff(): Promise<DemoPersonaStaff> {
    const first = async (sql: string, params: unknown[] = []): Promise<string | null> =>
      (await this.query<{ id: string }>(sql, params))[0]?.id ?? null;
    const lineManager = await first(`SELECT s.id FROM staff s
      JOIN organisation_units u ON u.id = s.unit_id AND u.type = 'team'
      ${CURRENT_ROLE}
      WHERE ${ACTIVE}
        AND EXISTS (SELECT 1 FROM staff r JOIN staff rr ON rr.line_manager_id = r.id WHERE r.line_manager_id = s.id)
      ORDER BY s.staff_number LIMIT 1`);
    const headOfData = await first(
      `SELECT s.id FROM staff s ${CURRENT_ROLE}
       JOIN roles r ON r.id = rl.role_id
       JOIN role_families rf ON rf.id = r.role_family_id AND rf.slug = 'data'
       WHERE ${ACTIVE} AND s.id IS DISTINCT FROM $1
       ORDER BY rl.name ILIKE 'head of%' DESC, rl.name ~* '^(lead|principal)' DESC, s.staff_number LIMIT 1`,
      [lineManager],
    );
    const member = await first(
      `SELECT s.id FROM staff s ${CURRENT_ROLE}
       LEFT JOIN staff m ON m.id = s.line_manager_id
       WHERE ${ACTIVE} AND s.id IS DISTINCT FROM $1 AND s.id IS DISTINCT FROM $2
         AND NOT EXISTS (SELECT 1 FROM staff r WHERE r.line_manager_id = s.id)
       ORDER BY m.line_manager_id IS NOT DISTINCT FROM $1 DESC, s.line_manager_id IS NOT DISTINCT FROM $1 DESC,
         s.staff_number
       LIMIT 1`,
      [lineManager, headOfData],
    );
    return { lineManager, headOfData, member };
  }
}
