import type { Role, RoleFamily, RoleLevel } from '@capability/framework';
import { currentPrimaryAssignmentSql } from './current-role.sql.js';
import type { Grade } from './grade.entity.js';
import type { Location } from './location.entity.js';
import type { OrganisationUnit } from './organisation-unit.entity.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { Staff, type EmploymentType } from './staff.entity.js';

/** One row of `detailedSelect`: the record and what its responses name. */
export interface DetailedRow {
  id: string;
  staff_number: string;
  full_name: string;
  work_email: string | null;
  unit_id: string;
  location_id: string | null;
  grade_id: string | null;
  employment_type: EmploymentType;
  line_manager_id: string | null;
  start_date: string | null;
  leaving_date: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  unit_code: string;
  unit_name: string;
  location_code: string | null;
  location_name: string | null;
  grade_code: string | null;
  grade_name: string | null;
  manager_id: string | null;
  manager_name: string | null;
  ra_id: string | null;
  ra_role_level_id: string | null;
  ra_is_primary: boolean | null;
  ra_starts_on: string | null;
  ra_ends_on: string | null;
  ra_created_by_user_id: string | null;
  ra_created_at: Date | null;
  level_slug: string | null;
  level_name: string | null;
  role_id: string | null;
  role_slug: string | null;
  role_name: string | null;
  family_id: string | null;
  family_slug: string | null;
  family_name: string | null;
}

/**
 * What a record's responses show, as `SELECT … FROM staff s` and its joins: the unit, location, grade,
 * the line manager (joined only where `managerCondition` holds, so an invisible manager is never read)
 * and the current primary role assignment on `day` (a SQL date) with its role level, role and family.
 * The point read and the list both use it, so a record reads the same from either. Dates come back as
 * text (`YYYY-MM-DD`), as the entities hold them.
 *
 * Six relations at the top (every join to one row by primary key) and the current role as one LATERAL
 * subquery: planning stays cheap, where a join per role table plus a correlated `cur.id = (SELECT …)`
 * put nine relations in one join search.
 */
export function detailedSelect(day: string, managerCondition: string): string {
  return `SELECT s.id, s.staff_number, s.full_name, s.work_email, s.unit_id, s.location_id, s.grade_id,
       s.employment_type, s.line_manager_id, s.start_date::text AS start_date, s.leaving_date::text AS leaving_date,
       s.created_at, s.updated_at, s.version,
       u.code AS unit_code, u.name AS unit_name,
       loc.code AS location_code, loc.name AS location_name,
       g.code AS grade_code, g.name AS grade_name,
       lm.id AS manager_id, lm.full_name AS manager_name,
       cur.ra_id, cur.ra_role_level_id, cur.ra_is_primary, cur.ra_starts_on, cur.ra_ends_on,
       cur.ra_created_by_user_id, cur.ra_created_at, cur.level_slug, cur.level_name,
       cur.role_id, cur.role_slug, cur.role_name, cur.family_id, cur.family_slug, cur.family_name
FROM staff s
JOIN organisation_units u ON u.id = s.unit_id
LEFT JOIN locations loc ON loc.id = s.location_id
LEFT JOIN grades g ON g.id = s.grade_id
LEFT JOIN staff lm ON lm.id = s.line_manager_id AND ${managerCondition}
LEFT JOIN LATERAL ${currentPrimaryAssignmentSql(
    's',
    day,
    `ra.id AS ra_id, ra.role_level_id AS ra_role_level_id, ra.is_primary AS ra_is_primary,
       ra.starts_on::text AS ra_starts_on, ra.ends_on::text AS ra_ends_on,
       ra.created_by_user_id AS ra_created_by_user_id, ra.created_at AS ra_created_at,
       lvl.slug AS level_slug, lvl.name AS level_name,
       rol.id AS role_id, rol.slug AS role_slug, rol.name AS role_name,
       fam.id AS family_id, fam.slug AS family_slug, fam.name AS family_name`,
    `JOIN role_levels lvl ON lvl.id = ra.role_level_id
      JOIN roles rol ON rol.id = lvl.role_id
      JOIN role_families fam ON fam.id = rol.role_family_id`,
  )} cur ON TRUE`;
}

/**
 * The point read: the record by id (`$1`) on a day (`$2`), as `detailedSelect`, limited to the records
 * where `visibleCondition` holds.
 */
export function detailedStatement(managerCondition: string, visibleCondition: string): string {
  // The conditions come from a few scope shapes, so the texts are few: each is built once and the same
  // string reused, which also spares the prepared-statement lookup re-hashing a fresh 1.5 kB text per read.
  const key = `${managerCondition}\u0000${visibleCondition}`;
  let text = statements.get(key);
  if (text === undefined) {
    text = `${detailedSelect('$2::date', managerCondition)}\nWHERE s.id = $1::uuid AND ${visibleCondition}`;
    if (statements.size < MAX_STATEMENTS) statements.set(key, text);
  }
  return text;
}

const MAX_STATEMENTS = 100;
const statements = new Map<string, string>();

/** The entity graph a row of `detailedSelect` stands for (only the columns read). */
export function staffFromDetailedRow(row: DetailedRow): Staff {
  const staff = Object.assign(new Staff(), {
    id: row.id,
    staffNumber: row.staff_number,
    fullName: row.full_name,
    workEmail: row.work_email,
    unitId: row.unit_id,
    locationId: row.location_id,
    gradeId: row.grade_id,
    employmentType: row.employment_type,
    lineManagerId: row.line_manager_id,
    startDate: row.start_date,
    leavingDate: row.leaving_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  });
  staff.unit = { id: row.unit_id, code: row.unit_code, name: row.unit_name } as OrganisationUnit;
  staff.location = row.location_id
    ? ({ id: row.location_id, code: row.location_code, name: row.location_name } as Location)
    : undefined;
  staff.grade = row.grade_id ? ({ id: row.grade_id, code: row.grade_code, name: row.grade_name } as Grade) : undefined;
  staff.lineManager = row.manager_id ? ({ id: row.manager_id, fullName: row.manager_name } as Staff) : undefined;
  staff.currentRole = row.ra_id
    ? Object.assign(new RoleAssignment(), {
        id: row.ra_id,
        staffId: row.id,
        roleLevelId: row.ra_role_level_id,
        isPrimary: row.ra_is_primary,
        startsOn: row.ra_starts_on,
        endsOn: row.ra_ends_on,
        createdByUserId: row.ra_created_by_user_id,
        createdAt: row.ra_created_at,
        roleLevel: {
          id: row.ra_role_level_id,
          slug: row.level_slug,
          name: row.level_name,
          role: {
            id: row.role_id,
            slug: row.role_slug,
            name: row.role_name,
            roleFamily: { id: row.family_id, slug: row.family_slug, name: row.family_name } as RoleFamily,
          } as Role,
        } as RoleLevel,
      })
    : null;
  return staff;
}
