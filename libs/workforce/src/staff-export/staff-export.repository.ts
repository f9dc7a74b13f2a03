import { AppConfig, driverConnection, type DriverConnection } from '@capability/platform';
import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import pLimit, { type LimitFunction } from 'p-limit';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import {
  CSV_TRANSFER_TIMEOUT_MS,
  currentPrimaryRoleSql,
  escapeFormulaSql,
  STAFF_CSV_COLUMNS,
  type StaffCsvColumn,
} from '../staff-import/staff-csv.js';

/** Each file column as SQL over `staff s` and its joins; text that could start a formula is escaped. */
const COLUMN_SQL: Record<StaffCsvColumn, string> = {
  staff_number: escapeFormulaSql('s.staff_number'),
  full_name: escapeFormulaSql('s.full_name'),
  work_email: escapeFormulaSql('s.work_email'),
  unit_code: escapeFormulaSql('u.code'),
  location_code: escapeFormulaSql('l.code'),
  grade_code: escapeFormulaSql('g.code'),
  employment_type: 's.employment_type',
  line_manager_staff_number: escapeFormulaSql('m.staff_number'),
  role_level_slug: escapeFormulaSql('rl.slug'),
  start_date: `to_char(s.start_date, 'YYYY-MM-DD')`,
  leaving_date: `to_char(s.leaving_date, 'YYYY-MM-DD')`,
};

/** The export query: every file column, staff in `condition` (SQL over `s`, no parameters), by staff number. */
export function staffExportSelect(condition: string): string {
  return `SELECT ${STAFF_CSV_COLUMNS.map((c) => `${COLUMN_SQL[c]} AS ${c}`).join(', ')}
    FROM staff s
    JOIN organisation_units u ON u.id = s.unit_id
    LEFT JOIN locations l ON l.id = s.location_id
    LEFT JOIN grades g ON g.id = s.grade_id
    LEFT JOIN staff m ON m.id = s.line_manager_id
    ${currentPrimaryRoleSql('s')}
    LEFT JOIN role_levels rl ON rl.id = cur.role_level_id
    WHERE ${condition}
    ORDER BY s.staff_number`;
}

/**
 * How many exports may stream at once: a third of the pool, at least one. An export holds its
 * connection for as long as the client takes to download it, so a burst of exports could otherwise
 * take the whole pool and leave every other request waiting past its connect timeout (503).
 */
export function exportSlots(poolMax: number): number {
  return Math.max(1, Math.floor(poolMax / 3));
}

/** How long an export waits for a slot before a 503 (with Retry-After) asks the client to try again. */
export const EXPORT_SLOT_WAIT_MS = 30_000;

/** A running export: the CSV bytes, and (once it is over) how many rows went out and whether all did. */
export interface ExportStream {
  stream: Readable;
  done: Promise<{ rows: number; complete: boolean }>;
}

/**
 * `COPY (SELECT …) TO STDOUT (FORMAT csv, HEADER)` on a connection of its own, streamed as it comes.
 * The connection goes back to the pool when the stream ends; if the reader stops early (the client
 * went away) the connection is destroyed instead, which also stops the COPY on the server.
 */
@Injectable()
export class StaffExportRepository {
  private readonly logger = new Logger(StaffExportRepository.name);

  private readonly slots: LimitFunction;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.slots = pLimit(exportSlots(config.db.poolMax));
  }

  /** Exports streaming now, and waiting for a slot. */
  get load(): { streaming: number; waiting: number } {
    return { streaming: this.slots.activeCount, waiting: this.slots.pendingCount };
  }

  open(condition: string): Promise<ExportStream> {
    return this.openSelect(staffExportSelect(condition));
  }

  /**
   * Any export's `COPY (select) TO STDOUT (FORMAT csv, HEADER)`, in the same slots (other contexts' CSV exports
   * share them). `select` is trusted SQL without parameters.
   */
  async openSelect(select: string): Promise<ExportStream> {
    const freeSlot = await this.takeSlot();
    let connection: DriverConnection;
    try {
      connection = await driverConnection(this.dataSource);
    } catch (err) {
      freeSlot();
      throw err;
    }
    const { client } = connection;
    let released = false;
    const release = (err?: Error): void => {
      if (released) return;
      released = true;
      // A connection whose COPY did not finish is closed, not reused: that also stops the COPY on the server.
      void connection.release(err !== undefined);
      freeSlot();
    };
    try {
      // One read-only transaction: a consistent snapshot, and a timeout long enough for a slow download.
      await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${CSV_TRANSFER_TIMEOUT_MS}`);
    } catch (err) {
      release(err as Error);
      throw err;
    }
    const copy = copyTo(`COPY (${select}) TO STDOUT (FORMAT csv, HEADER)`);
    Object.assign(copy, { query_timeout: CSV_TRANSFER_TIMEOUT_MS });
    const stream = client.query(copy);
    // pg clears a query's query_timeout timer only through the query's callback, which pg-copy-streams'
    // COPY TO never calls (brianc/node-pg-copy-streams#156). Left alone, the timer held every finished
    // export (stream, request, reply) in memory for CSV_TRANSFER_TIMEOUT_MS, then fired on a dead stream.
    const clearReadTimeout = (): void => (copy as unknown as { callback?: () => void }).callback?.();
    stream.once('end', clearReadTimeout);
    stream.once('close', clearReadTimeout);
    const done = new Promise<{ rows: number; complete: boolean }>((resolve) => {
      let ended = false;
      stream.once('end', () => {
        ended = true;
        client.query('COMMIT').then(
          () => {
            release();
            resolve({ rows: copy.rowCount, complete: true });
          },
          (err: Error) => {
            release(err);
            resolve({ rows: copy.rowCount, complete: false });
          },
        );
      });
      stream.once('close', () => {
        if (ended) return;
        this.logger.log('Export stopped before the end (client gone?); closing its database connection');
        release(new Error('Export stopped before the end'));
        resolve({ rows: copy.rowCount, complete: false });
      });
    });
    return { stream, done };
  }

  /** Waits for an export slot (at most EXPORT_SLOT_WAIT_MS); the function it answers with frees it. */
  private takeSlot(): Promise<() => void> {
    return new Promise((granted, refused) => {
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        refused(new ServiceUnavailableException('Too many exports are running; try again in a moment'));
      }, EXPORT_SLOT_WAIT_MS).unref();
      void this.slots(
        () =>
          new Promise<void>((free) => {
            clearTimeout(timer);
            if (gaveUp) free();
            else granted(free);
          }),
      );
    });
  }
}
