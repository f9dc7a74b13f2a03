import { TransactionHost, type TransactionalAdapterTypeOrm } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { DemoLocation, DemoRoleLevel, DemoUnit } from './demo-department.generator.js';
import { currentRoleLevels, insertDemoLocations, insertDemoUnits, type RunSql } from './demo-organisation.sql.js';

/** Staff records the demo personas sign in as (null when the data has nobody suitable). */
export interface DemoPersonaStaff {
  /** Leads a team two levels deep: their reports include someone who manages others. */
  lineManager: string | null;
  /** Holds a senior role in the Data family. */
  headOfData: string | null;
  /** Holds a DDaT role, manages nobody, and reports to the line manager when possible (who validates their review). */
  member: string | null;
  /** Holds a practitioner role in Software development, manages nobody, and is none of the above: sits on panels. */
  panelMember: string | null;
}

const ACTIVE = '(s.leaving_date IS NULL OR s.leaving_date > current_date)';
const CURRENT_ROLE = `JOIN role_assignments ra ON ra.staff_id = s.id AND ra.is_primary
    AND ra.starts_on <= current_date AND (ra.ends_on IS NULL OR ra.ends_on > current_date)
  JOIN role_levels rl ON rl.id = ra.role_level_id`;

/** Reference rows and lookups for the demo department; staff go in through the import. */
@Injectable()
export class DemoDepartmentRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private readonly run: RunSql = (sql, params = []) => this.txHost.tx.query(sql, params);

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.run<T>(sql, params);
  }

  async anyStaff(): Promise<boolean> {
    return (await this.query('SELECT 1 FROM staff LIMIT 1')).length > 0;
  }

  roleLevels(): Promise<DemoRoleLevel[]> {
    return currentRoleLevels(this.run);
  }

  insertLocations(locations: DemoLocation[]): Promise<void> {
    return insertDemoLocations(this.run, locations);
  }

  insertUnits(units: DemoUnit[]): Promise<void> {
    return insertDemoUnits(this.run, units);
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
       WHERE ${ACTIVE} AND s.id IS DISTINCT FROM $1 AND s.id IS DISTINCT FROM $2
         AND NOT EXISTS (SELECT 1 FROM staff r WHERE r.line_manager_id = s.id)
       ORDER BY s.line_manager_id IS NOT DISTINCT FROM $1 DESC, s.staff_number
       LIMIT 1`,
      [lineManager, headOfData],
    );
    const panelMember = await first(
      `SELECT s.id FROM staff s ${CURRENT_ROLE}
       JOIN roles r ON r.id = rl.role_id
       JOIN role_families rf ON rf.id = r.role_family_id AND rf.slug = 'software-development'
       WHERE ${ACTIVE} AND s.employment_type = 'permanent'
         AND s.id IS DISTINCT FROM $1 AND s.id IS DISTINCT FROM $2 AND s.id IS DISTINCT FROM $3
         AND NOT EXISTS (SELECT 1 FROM staff r2 WHERE r2.line_manager_id = s.id)
       ORDER BY rl.name ~* '^senior' DESC, s.staff_number LIMIT 1`,
      [lineManager, headOfData, member],
    );
    return { lineManager, headOfData, member, panelMember };
  }
}
