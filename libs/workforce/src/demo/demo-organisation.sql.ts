import { randomUUID } from 'node:crypto';
import type { DemoLocation, DemoRoleLevel, DemoUnit } from './demo-department.generator.js';

/** Runs one statement and gives its rows: a TypeORM manager's `query`, or a pg client's. */
export type RunSql = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * The demo department's reference rows, set-based: shared by the demo seeder and the benchmarks,
 * which load the same generated department onto a bare connection.
 */

/** Role levels of the current framework version, in a stable order (the generator's input). */
export function currentRoleLevels(run: RunSql): Promise<DemoRoleLevel[]> {
  return run(`SELECT rl.slug, rl.name, rl.position, r.slug AS "roleSlug", rf.slug AS "familySlug"
      FROM role_levels rl
      JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
      JOIN roles r ON r.id = rl.role_id
      JOIN role_families rf ON rf.id = r.role_family_id
      ORDER BY rf.slug, r.slug, rl.position`);
}

/** Adds the locations whose code and name are free; existing ones are kept as they are. */
export async function insertDemoLocations(run: RunSql, locations: DemoLocation[]): Promise<void> {
  await run(
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
export async function insertDemoUnits(run: RunSql, units: DemoUnit[]): Promise<void> {
  const depth = new Map<string, number>();
  for (const unit of units) depth.set(unit.code, unit.parentCode ? (depth.get(unit.parentCode) ?? 0) + 1 : 0);
  const levels = [...new Set(depth.values())].sort((a, b) => a - b);
  for (const level of levels) {
    const batch = units.filter((u) => depth.get(u.code) === level);
    await run(
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
