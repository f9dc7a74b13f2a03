import {
  paginate,
  queryPrepared,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';

import { currentPrimaryAssignmentSql } from './current-role.sql.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { detailedStatement, staffFromDetailedRow, type DetailedRow } from './staff-detail.sql.js';
import type { StaffStatus } from './staff-rules.js';
import { staffScopeCondition, staffScopeSql, type StaffScope } from './staff-scope.js';
import { Staff, type EmploymentType } from './staff.entity.js';

export interface StaffFilter {
  /** That unit and everything under it. */
  unitId?: string;
  /** The following three apply to the current primary role assignment. */
  roleFamily?: string;
  /** Role id or slug. */
  role?: string;
  /** Role-level id or slug. */
  roleLevel?: string;
  /** Grade code, e.g. `G7`. */
  grade?: string;
  employmentType?: EmploymentType;
  locationId?: string;
  lineManagerId?: string;
  status?: StaffStatus;
  /** Name or staff number contains, case-insensitive. */
  q?: string;
}

export type StaffRow = Pick<
  Staff,
  | 'staffNumber'
  | 'fullName'
  | 'workEmail'
  | 'unitId'
  | 'locationId'
  | 'gradeId'
  | 'employmentType'
  | 'lineManagerId'
  | 'startDate'
  | 'leavingDate'
>;

export type StaffPatch = Partial<StaffRow>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every line-manager change takes this lock first, so two changes cannot each close half a cycle. */
const LINE_MANAGEMENT_LOCK = "hashtext('workforce:line-management')";

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, '\\$&');

@Injectable()
export class StaffRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(Staff);
  }

  /**
   * One statement for a record and what its responses name: unit, location, grade, the line
   * manager (joined only when `scope` reaches them or the record is the actor's own, so an
   * invisible manager is never loaded) and the current primary role assignment with its role
   * level, role and family.
   */
  private detailed(scope: StaffScope, today: string): SelectQueryBuilder<Staff> {
    const reachable = staffScopeCondition(scope, 'lm');
    // Everyone may know who their own line manager is.
    const ownRecord = scope.kind === 'some' && scope.ownStaffId ? scope.ownStaffId : null;
    const manager = ownRecord
      ? { sql: `(${reachable.sql} OR s.id = :ownRecordId)`, params: { ...reachable.params, ownRecordId: ownRecord } }
      : reachable;
    return (
      this.repo
        .createQueryBuilder('s')
        .innerJoin('s.unit', 'u')
        .leftJoin('s.location', 'loc')
        .leftJoin('s.grade', 'g')
        .leftJoin('s.lineManager', 'lm', manager.sql, manager.params)
        .leftJoinAndMapOne(
          's.currentRole',
          RoleAssignment,
          'cur',
          `cur.id = ${currentPrimaryAssignmentSql('s', ':today')}`,
          { today },
        )
        .leftJoin('cur.roleLevel', 'lvl')
        .leftJoin('lvl.role', 'rol')
        .leftJoin('rol.roleFamily', 'fam')
        // Only what responses show of the joined rows (no descriptions, nothing more of the manager).
        .addSelect(['u.id', 'u.code', 'u.name', 'loc.id', 'loc.code', 'loc.name', 'g.id', 'g.code', 'g.name'])
        .addSelect(['lm.id', 'lm.fullName'])
        .addSelect([
          'lvl.id',
          'lvl.slug',
          'lvl.name',
          'rol.id',
          'rol.slug',
          'rol.name',
          'fam.id',
          'fam.slug',
          'fam.name',
        ])
    );
  }

  /**
   * The record with its details; with `restrict`, only when `scope` reaches it. The same joins as
   * `detailed()`, as one prepared statement: this is the hottest read in the service (every
   * GET /staff/:id), and building and hydrating the query builder cost more than the query.
   */
  async findDetailed(id: string, scope: StaffScope, today: string, restrict: boolean): Promise<Staff | null> {
    const values: unknown[] = [id, today];
    // Everyone may know who their own line manager is.
    const ownRecord = scope.kind === 'some' && scope.ownStaffId ? scope.ownStaffId : null;
    let manager = staffScopeSql(scope, 'lm', values);
    if (ownRecord) {
      values.push(ownRecord);
      manager = `(${manager} OR s.id = $${values.length}::uuid)`;
    }
    const visible = restrict ? staffScopeSql(scope, 's', values) : 'TRUE';
    const [row] = await queryPrepared<DetailedRow>(this.txHost.tx, detailedStatement(manager, visible), values);
    return row ? staffFromDetailedRow(row) : null;
  }

  async existsInScope(id: string, scope: StaffScope): Promise<boolean> {
    if (scope.kind === 'none') return false;
    const visible = staffScopeCondition(scope, 's');
    const row = await this.repo
      .createQueryBuilder('s')
      .select('s.id')
      .where('s.id = :id', { id })
      .andWhere(visible.sql, visible.params)
      .getRawOne<unknown>();
    return row !== undefined;
  }

  /** Row-locks the record until the transaction ends (role-assignment changes for one person take turns). */
  async lockById(id: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT id FROM staff WHERE id = $1 FOR UPDATE', [id]);
    return rows.length > 0;
  }

  async lockLineManagement(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(${LINE_MANAGEMENT_LOCK})`);
  }

  /** Whether `staffId` is `managerId` or above them in the line (walking up from the manager; UNION stops loops). */
  async isAtOrAbove(staffId: string, managerId: string): Promise<boolean> {
    const [row]: { found: boolean }[] = await this.txHost.tx.query(
      `WITH RECURSIVE up AS (
         SELECT id, line_manager_id FROM staff WHERE id = $1
         UNION
         SELECT s.id, s.line_manager_id FROM staff s JOIN up ON s.id = up.line_manager_id
       ) SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS found`,
      [managerId, staffId],
    );
    return row?.found ?? false;
  }

  async insert(row: StaffRow): Promise<string> {
    const result = await this.repo.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Optimistic update: only when the stored version is `version`. Returns the new row, or null if none matched. */
  async updateIfVersion(id: string, version: number, patch: StaffPatch): Promise<Staff | null> {
    return updateIfVersion(this.repo, id, version, patch);
  }

  /**
   * The records `scope` reaches, by full name then id, keyset-paged. One statement per page, whatever
   * its size: the details come in the same query as the rows.
   */
  list(filter: StaffFilter, scope: StaffScope, today: string, page: PageQuery): Promise<Page<Staff>> {
    const visible = staffScopeCondition(scope, 's');
    const qb = this.detailed(scope, today).where(visible.sql, visible.params);
    if (filter.unitId) {
      qb.andWhere('s.unit_id IN (SELECT ou.id FROM organisation_units ou WHERE ou.path @> ARRAY[:unitId]::uuid[])', {
        unitId: filter.unitId,
      });
    }
    if (filter.roleFamily) qb.andWhere('fam.slug = :roleFamily', { roleFamily: filter.roleFamily });
    if (filter.role) {
      qb.andWhere(UUID.test(filter.role) ? 'rol.id = :role' : 'rol.slug = :role', { role: filter.role });
    }
    if (filter.roleLevel) {
      qb.andWhere(UUID.test(filter.roleLevel) ? 'lvl.id = :roleLevel' : 'lvl.slug = :roleLevel', {
        roleLevel: filter.roleLevel,
      });
    }
    if (filter.grade) qb.andWhere('g.code = :grade', { grade: filter.grade });
    if (filter.employmentType) qb.andWhere('s.employment_type = :type', { type: filter.employmentType });
    if (filter.locationId) qb.andWhere('s.location_id = :locationId', { locationId: filter.locationId });
    if (filter.lineManagerId) {
      qb.andWhere('s.line_manager_id = :lineManagerId', { lineManagerId: filter.lineManagerId });
    }
    if (filter.status === 'active') qb.andWhere('(s.leaving_date IS NULL OR s.leaving_date > :today)');
    if (filter.status === 'leaver') qb.andWhere('s.leaving_date <= :today');
    if (filter.q) {
      // lower(…) LIKE '%…%' on both columns: served by the trigram GIN indexes of the Workforce migration.
      qb.andWhere('(lower(s.full_name) LIKE :q OR lower(s.staff_number) LIKE :q)', {
        q: `%${escapeLike(filter.q.toLowerCase())}%`,
      });
    }
    return paginate(qb, page, [
      { column: 's.full_name', value: (s) => s.fullName },
      { column: 's.id', value: (s) => s.id },
    ]);
  }
}
