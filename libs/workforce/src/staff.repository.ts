import {
  decodeCursor,
  mapPage,
  pageFrom,
  queryPrepared,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  ValidationFailedError,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { detailedSelect, detailedStatement, staffFromDetailedRow, type DetailedRow } from './staff-detail.sql.js';
import type { StaffStatus } from './staff-rules.js';
import { staffScopeSql, type ScopeForm, type StaffScope } from './staff-scope.js';
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
   * The line manager's join condition: `scope` reaches them, or the record is the actor's own (everyone
   * may know who their own line manager is). Values are appended to `values`.
   */
  private managerCondition(scope: StaffScope, values: unknown[], form: ScopeForm): string {
    const reachable = staffScopeSql(scope, 'lm', values, form);
    if (scope.kind !== 'some' || !scope.ownStaffId) return reachable;
    values.push(scope.ownStaffId);
    return `(${reachable} OR s.id = $${values.length}::uuid)`;
  }

  /**
   * The record with its details (`detailedSelect`); with `restrict`, only when `scope` reaches it. One
   * prepared statement: this is the hottest read in the service (every GET /staff/:id). The scope is
   * checked from the record up its line (one row's question), never by walking a whole team down.
   */
  async findDetailed(id: string, scope: StaffScope, today: string, restrict: boolean): Promise<Staff | null> {
    const values: unknown[] = [id, today];
    const manager = this.managerCondition(scope, values, 'row');
    const visible = restrict ? staffScopeSql(scope, 's', values, 'row') : 'TRUE';
    const [row] = await queryPrepared<DetailedRow>(this.txHost.tx, detailedStatement(manager, visible), values);
    return row ? staffFromDetailedRow(row) : null;
  }

  async existsInScope(id: string, scope: StaffScope): Promise<boolean> {
    if (scope.kind === 'none') return false;
    const values: unknown[] = [id];
    const visible = staffScopeSql(scope, 's', values, 'row');
    const rows: unknown[] = await this.txHost.tx.query(
      `SELECT 1 FROM staff s WHERE s.id = $1::uuid AND ${visible}`,
      values,
    );
    return rows.length > 0;
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
   * The records `scope` reaches, by full name then id, keyset-paged: `detailedSelect` (as the point
   * read) with the filters. One statement per page, whatever its size.
   */
  async list(filter: StaffFilter, scope: StaffScope, today: string, page: PageQuery): Promise<Page<Staff>> {
    const values: unknown[] = [today];
    const param = (value: unknown, cast = ''): string => {
      values.push(value);
      return `$${values.length}${cast}`;
    };
    const manager = this.managerCondition(scope, values, 'set');
    const where = [staffScopeSql(scope, 's', values, 'set')];
    if (filter.unitId) {
      where.push(
        `s.unit_id IN (SELECT ou.id FROM organisation_units ou WHERE ou.path @> ARRAY[${param(filter.unitId, '::uuid')}])`,
      );
    }
    if (filter.roleFamily) where.push(`cur.family_slug = ${param(filter.roleFamily)}`);
    if (filter.role) {
      where.push(
        isUUID(filter.role) ? `cur.role_id = ${param(filter.role, '::uuid')}` : `cur.role_slug = ${param(filter.role)}`,
      );
    }
    if (filter.roleLevel) {
      where.push(
        isUUID(filter.roleLevel)
          ? `cur.ra_role_level_id = ${param(filter.roleLevel, '::uuid')}`
          : `cur.level_slug = ${param(filter.roleLevel)}`,
      );
    }
    if (filter.grade) where.push(`g.code = ${param(filter.grade)}`);
    if (filter.employmentType) where.push(`s.employment_type = ${param(filter.employmentType)}`);
    if (filter.locationId) where.push(`s.location_id = ${param(filter.locationId, '::uuid')}`);
    if (filter.lineManagerId) where.push(`s.line_manager_id = ${param(filter.lineManagerId, '::uuid')}`);
    if (filter.status === 'active') where.push('(s.leaving_date IS NULL OR s.leaving_date > $1::date)');
    if (filter.status === 'leaver') where.push('s.leaving_date <= $1::date');
    if (filter.q) {
      // lower(…) LIKE '%…%' on both columns: served by the trigram GIN indexes of the Workforce migration.
      const q = param(`%${escapeLike(filter.q.toLowerCase())}%`);
      where.push(`(lower(s.full_name) LIKE ${q} OR lower(s.staff_number) LIKE ${q})`);
    }
    if (page.cursor) {
      const [fullName, id] = decodeCursor(page.cursor, 2);
      if (typeof fullName !== 'string' || typeof id !== 'string' || !isUUID(id)) {
        throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not one this list returned' }]);
      }
      where.push(`(s.full_name, s.id) > (${param(fullName)}, ${param(id, '::uuid')})`);
    }
    const { limit } = page;
    const rows: DetailedRow[] = await this.txHost.tx.query(
      `${detailedSelect('$1::date', manager)}
WHERE ${where.join(' AND ')}
ORDER BY s.full_name, s.id
LIMIT ${param(limit + 1, '::int')}`,
      values,
    );
    return mapPage(
      pageFrom(rows, limit, (last) => [last.full_name, last.id]),
      staffFromDetailedRow,
    );
  }
}
