import {
  currentRoleLevels,
  insertDemoLocations,
  insertDemoUnits,
  STAFF_CSV_COLUMNS,
  type DemoDepartment,
  type DemoRoleLevel,
  type RunSql,
} from '@capability/workforce';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

const runOn =
  (client: pg.ClientBase): RunSql =>
  async <T>(sql: string, params: unknown[] = []) =>
    (await client.query(sql, params)).rows as T[];

/** Role levels of the current framework version, as the generator takes them (the demo seeder's query). */
export function roleLevels(client: pg.ClientBase): Promise<DemoRoleLevel[]> {
  return currentRoleLevels(runOn(client));
}

/** The department's locations and units (parents first), set-based, as the demo seeder inserts them. */
export async function insertOrganisation(client: pg.ClientBase, department: DemoDepartment): Promise<void> {
  await insertDemoLocations(runOn(client), department.locations);
  await insertDemoUnits(runOn(client), department.units);
}

const text = (v: string | null | undefined): string =>
  v ? v.replace(/[\\\t\n\r]/g, (c) => `\\${c === '\t' ? 't' : c === '\n' ? 'n' : c === '\r' ? 'r' : '\\'}`) : '\\N';

/**
 * The same rows with every code already resolved to an id, in COPY text format for `staff` and
 * `role_assignments`: what the most direct load of this file into the real tables would send.
 */
export async function resolvedCopies(
  client: pg.ClientBase,
  department: DemoDepartment,
): Promise<{ staff: Buffer; roles: Buffer }> {
  const lookup = async (sql: string): Promise<Map<string, string>> =>
    new Map((await client.query<{ code: string; id: string }>(sql)).rows.map((r) => [r.code, r.id]));
  const units = await lookup('SELECT code, id FROM organisation_units');
  const locations = await lookup('SELECT code, id FROM locations');
  const grades = await lookup('SELECT code, id FROM grades');
  const levels = await lookup(
    'SELECT rl.slug AS code, rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current',
  );
  const ids = new Map(department.staff.map((s) => [s.staff_number, randomUUID()]));
  const staff: string[] = [];
  const roles: string[] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (const s of department.staff) {
    const id = ids.get(s.staff_number)!;
    staff.push(
      [
        id,
        text(s.staff_number),
        text(s.full_name),
        text(s.work_email),
        units.get(s.unit_code),
        text(locations.get(s.location_code)),
        text(grades.get(s.grade_code)),
        s.employment_type,
        text(ids.get(s.line_manager_staff_number)),
        text(s.start_date),
        text(s.leaving_date),
      ].join('\t') + '\n',
    );
    const level = levels.get(s.role_level_slug);
    if (level) roles.push(`${id}\t${level}\tt\t${today}\n`);
  }
  return { staff: Buffer.from(staff.join('')), roles: Buffer.from(roles.join('')) };
}

export const STAFF_COPY_COLUMNS =
  'id, staff_number, full_name, work_email, unit_id, location_id, grade_id, employment_type, line_manager_id, start_date, leaving_date';
export const ROLE_COPY_COLUMNS = 'staff_id, role_level_id, is_primary, starts_on';

/** A table with the file's columns as text and nothing else: the bare COPY floor. */
export const BARE_TABLE_DDL = `CREATE TABLE IF NOT EXISTS bench_staff_file (${STAFF_CSV_COLUMNS.map((c) => `${c} text`).join(', ')})`;
