import { TransactionHost, type TransactionalAdapterTypeOrm } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { copyValue, IMPORT_TIMEOUTS_SQL, importTimeoutValues, openCopyFrom } from './copy-writer.js';
import type { StaffDirectory } from './import-ledger.js';
import { currentPrimaryRoleSql } from './staff-csv.js';
import type { ImportLookups, ValidStaffRow } from './staff-row.validator.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  leavers: number;
}

/** One change an import makes (or would make), for the dry-run sample. */
export interface ImportChange {
  /** The file's row (header = row 1); null for a leaver, who is not in the file. */
  row: number | null;
  staffNumber: string;
  change: 'created' | 'updated' | 'leaver';
  /** File columns that are new or differ. */
  fields: string[];
}

export const SAMPLE_SIZE = 20;

/** Staff fields as file columns, compared between the database (`s`) and the file (`c`). */
const COMPARED: [column: string, sql: string][] = [
  ['full_name', 'full_name'],
  ['work_email', 'work_email'],
  ['unit_code', 'unit_id'],
  ['location_code', 'location_id'],
  ['grade_code', 'grade_id'],
  ['employment_type', 'employment_type'],
  ['line_manager_staff_number', 'line_manager_id'],
  ['start_date', 'start_date'],
  ['leaving_date', 'leaving_date'],
];

/** Staff the file leaves out who are not leavers yet (future starters are left alone). */
const MISSING_FROM_FILE = `NOT EXISTS (SELECT 1 FROM staff_import_rows i WHERE i.staff_number = s.staff_number)
  AND (s.leaving_date IS NULL OR s.leaving_date > current_date)
  AND (s.start_date IS NULL OR s.start_date <= current_date)`;

/**
 * Set-based SQL for the HR import: rows are COPYed into a temporary staging table, then merged into
 * `staff` and `role_assignments` with a handful of statements, all inside the caller's transaction.
 */
@Injectable()
export class StaffImportRepository implements StaffDirectory {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  /** Longer statement and lock timeouts for this transaction only, and the empty staging table. */
  async prepare(timeoutMs: number): Promise<void> {
    await this.query(IMPORT_TIMEOUTS_SQL, importTimeoutValues(timeoutMs));
    await this.query(`CREATE TEMP TABLE staff_import_rows (
      row_no integer NOT NULL,
      staff_number text NOT NULL,
      full_name text NOT NULL,
      work_email text,
      unit_id uuid NOT NULL,
      location_id uuid,
      grade_id uuid,
      employment_type text NOT NULL,
      manager_number text,
      role_level_id uuid,
      start_date date,
      leaving_date date
    ) ON COMMIT DROP`);
  }

  async lookups(): Promise<ImportLookups> {
    const pairs = async (sql: string): Promise<Map<string, string>> =>
      new Map((await this.query<{ code: string; id: string }>(sql)).map((r) => [r.code, r.id]));
    return {
      units: await pairs('SELECT code, id FROM organisation_units'),
      locations: await pairs('SELECT code, id FROM locations'),
      grades: await pairs('SELECT code, id FROM grades'),
      roleLevels: await pairs(`SELECT rl.slug AS code, rl.id FROM role_levels rl
        JOIN framework_versions v ON v.id = rl.version_id AND v.is_current`),
    };
  }

  /** A writable `COPY staff_import_rows FROM STDIN` on the transaction's connection. */
  openStaging(timeoutMs: number): Promise<Writable> {
    return openCopyFrom(this.txHost.tx.queryRunner, 'COPY staff_import_rows FROM STDIN', timeoutMs);
  }

  async existing(staffNumbers: string[]): Promise<Set<string>> {
    const rows = await this.query<{ staff_number: string }>(
      'SELECT staff_number FROM staff WHERE staff_number = ANY($1::text[])',
      [staffNumbers],
    );
    return new Set(rows.map((r) => r.staff_number));
  }

  async managersOf(staffNumbers: string[]): Promise<Map<string, string>> {
    const rows = await this.query<{ staff_number: string; manager: string }>(
      `SELECT s.staff_number, m.staff_number AS manager FROM staff s JOIN staff m ON m.id = s.line_manager_id
       WHERE s.staff_number = ANY($1::text[])`,
      [staffNumbers],
    );
    return new Map(rows.map((r) => [r.staff_number, r.manager]));
  }

  /**
   * Locks `staff` against other writers (readers carry on) when about to write, and works out, per row, whether it is new,
   * changed (and which columns) or unchanged, with every id resolved.
   */
  async classify({ lock }: { lock: boolean }): Promise<void> {
    if (lock) await this.query('LOCK TABLE staff IN SHARE ROW EXCLUSIVE MODE');
    await this.query('ANALYZE staff_import_rows');
    await this.query(`CREATE TEMP TABLE staff_import_resolved ON COMMIT DROP AS
      SELECT i.*, s.id AS existing_id, coalesce(s.id, gen_random_uuid()) AS id
      FROM staff_import_rows i LEFT JOIN staff s ON s.staff_number = i.staff_number`);
    const compared = COMPARED.map(
      ([column, sql]) => `CASE WHEN s.${sql} IS DISTINCT FROM c.${sql} THEN '${column}' END`,
    );
    await this.query(`CREATE TEMP TABLE staff_import_changes ON COMMIT DROP AS
      SELECT c.*, c.existing_id IS NULL AS is_new,
        cardinality(changed) > 0 AS staff_changed,
        cur.role_level_id IS DISTINCT FROM c.role_level_id AS role_changed,
        CASE WHEN c.existing_id IS NULL THEN '{}'::text[]
          ELSE changed || CASE WHEN cur.role_level_id IS DISTINCT FROM c.role_level_id
            THEN ARRAY['role_level_slug'] ELSE '{}'::text[] END
        END AS changed_columns
      FROM (
        SELECT r.row_no, r.id, r.existing_id, r.staff_number, r.full_name, r.work_email, r.unit_id, r.location_id,
          r.grade_id, r.employment_type, coalesce(fm.id, dm.id) AS line_manager_id, r.role_level_id,
          r.start_date, r.leaving_date
        FROM staff_import_resolved r
        LEFT JOIN staff_import_resolved fm ON fm.staff_number = r.manager_number
        LEFT JOIN staff dm ON dm.staff_number = r.manager_number
      ) c
      LEFT JOIN staff s ON s.id = c.existing_id
      ${currentPrimaryRoleSql('s')}
      CROSS JOIN LATERAL (SELECT array_remove(ARRAY[${compared.join(', ')}], NULL) AS changed) d`);
  }

  async counts(markMissingAsLeavers: boolean): Promise<ImportCounts> {
    const [row] = await this.query<ImportCounts>(`SELECT
        count(*) FILTER (WHERE is_new)::int AS created,
        count(*) FILTER (WHERE NOT is_new AND cardinality(changed_columns) > 0)::int AS updated,
        count(*) FILTER (WHERE NOT is_new AND cardinality(changed_columns) = 0)::int AS unchanged,
        ${markMissingAsLeavers ? `(SELECT count(*) FROM staff s WHERE ${MISSING_FROM_FILE})::int` : '0'} AS leavers
      FROM staff_import_changes`);
    return row ?? { created: 0, updated: 0, unchanged: 0, leavers: 0 };
  }

  /** Up to SAMPLE_SIZE changes: file rows first, in file order, then leavers. */
  async sample(markMissingAsLeavers: boolean): Promise<ImportChange[]> {
    const filled = (column: string, sql: string): string => `CASE WHEN c.${sql} IS NOT NULL THEN '${column}' END`;
    const newColumns = [['staff_number', 'staff_number'], ...COMPARED, ['role_level_slug', 'role_level_id']].map(
      ([column, sql]) => filled(column ?? '', sql ?? ''),
    );
    const rows = await this.query<{
      row: number | null;
      staffNumber: string;
      change: ImportChange['change'];
      fields: string[];
    }>(
      `(SELECT c.row_no AS row, c.staff_number AS "staffNumber",
          CASE WHEN c.is_new THEN 'created' ELSE 'updated' END AS change,
          CASE WHEN c.is_new THEN array_remove(ARRAY[${newColumns.join(', ')}], NULL) ELSE c.changed_columns END AS fields
        FROM staff_import_changes c WHERE c.is_new OR cardinality(c.changed_columns) > 0
        ORDER BY c.row_no LIMIT ${SAMPLE_SIZE})
      UNION ALL
      (SELECT NULL, s.staff_number, 'leaver', ARRAY['leaving_date']
        FROM staff s WHERE $1 AND ${MISSING_FROM_FILE} ORDER BY s.staff_number LIMIT ${SAMPLE_SIZE})`,
      [markMissingAsLeavers],
    );
    return rows.slice(0, SAMPLE_SIZE);
  }

  /** Writes the classified rows: new staff, changed staff, leavers, then role changes. */
  async apply(markMissingAsLeavers: boolean, actorUserId: string | null): Promise<void> {
    const columns = [
      'staff_number',
      'full_name',
      'work_email',
      'unit_id',
      'location_id',
      'grade_id',
      'employment_type',
      'line_manager_id',
      'start_date',
      'leaving_date',
    ];
    await this.query(`INSERT INTO staff (id, ${columns.join(', ')})
      SELECT id, ${columns.join(', ')} FROM staff_import_changes WHERE is_new`);
    await this.query(`UPDATE staff s SET ${columns
      .slice(1)
      .map((c) => `${c} = c.${c}`)
      .join(', ')}, version = s.version + 1, updated_at = now()
      FROM staff_import_changes c WHERE s.id = c.id AND NOT c.is_new AND c.staff_changed`);
    if (markMissingAsLeavers) {
      await this.query(`UPDATE staff s SET leaving_date = current_date, version = s.version + 1, updated_at = now()
        WHERE ${MISSING_FROM_FILE}`);
    }
    // A new primary role closes the current one today; one that started today (or is yet to start) never
    // took effect and goes, since an assignment must end after it starts.
    const superseded = `ra.staff_id = c.id AND c.role_changed AND NOT c.is_new AND ra.is_primary
      AND (ra.ends_on IS NULL OR ra.ends_on > current_date)`;
    await this.query(`UPDATE role_assignments ra SET ends_on = current_date FROM staff_import_changes c
      WHERE ${superseded} AND ra.starts_on < current_date`);
    await this.query(`DELETE FROM role_assignments ra USING staff_import_changes c
      WHERE ${superseded} AND ra.starts_on >= current_date`);
    await this.query(
      `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on, created_by_user_id)
       SELECT id, role_level_id, true, current_date, $1 FROM staff_import_changes
       WHERE role_changed AND role_level_id IS NOT NULL`,
      [actorUserId],
    );
  }
}

/** One staging-table line for a valid row, in the table's column order. */
export function stagingLine(r: ValidStaffRow): string {
  return (
    [
      String(r.row),
      copyValue(r.staffNumber),
      copyValue(r.fullName),
      copyValue(r.workEmail),
      r.unitId,
      copyValue(r.locationId),
      copyValue(r.gradeId),
      r.employmentType,
      copyValue(r.managerNumber),
      copyValue(r.roleLevelId),
      copyValue(r.startDate),
      copyValue(r.leavingDate),
    ].join('\t') + '\n'
  );
}
