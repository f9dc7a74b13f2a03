import { AppConfig, AuditService, ForbiddenError, Transactional, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { staffScope } from '../staff-scope.js';
import { CopyWriter } from './copy-writer.js';
import { ImportErrorList, readCsvRecords } from './csv-reader.js';
import { ImportLedger } from './import-ledger.js';
import { CSV_TRANSFER_TIMEOUT_MS, STAFF_CSV_COLUMNS } from './staff-csv.js';
import { StaffImportRepository, stagingLine, type ImportChange, type ImportCounts } from './staff-import.repository.js';
import { readHeader, StaffRowValidator, type ImportLookups } from './staff-row.validator.js';

export interface ImportOptions {
  /** Check and count, write nothing. */
  dryRun?: boolean;
  /** Staff in the service but not in the file get leaving_date = today (unless already leavers). */
  markMissingAsLeavers?: boolean;
}

export interface ImportResult extends ImportCounts {
  dryRun: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Dry run only: up to 20 of the changes the import would make. */
  sample?: ImportChange[];
}

/**
 * The HR-system staff import: streams the CSV through csv-parse, checks every row, COPYs the good
 * ones into a staging table as they come, then merges set-based in the same transaction. Any bad
 * row and nothing is written.
 */
@Injectable()
export class StaffImportService {
  constructor(
    private readonly repository: StaffImportRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** `actor` null is the system itself (the demo seeder). */
  @Transactional()
  async importCsv(actor: Actor | null, csv: Readable, options: ImportOptions = {}): Promise<ImportResult> {
    if (actor && staffScope(actor, 'staff:import').kind !== 'all') {
      throw new ForbiddenError('Importing staff needs the staff:import permission for every record');
    }
    const dryRun = options.dryRun ?? false;
    const markMissingAsLeavers = options.markMissingAsLeavers ?? false;
    await this.repository.prepare(CSV_TRANSFER_TIMEOUT_MS);
    const lookups = await this.repository.lookups();
    const errors = new ImportErrorList(STAFF_CSV_COLUMNS);
    const ledger = new ImportLedger();
    const copy = new CopyWriter(await this.repository.openStaging(CSV_TRANSFER_TIMEOUT_MS));

    let rows = 0;
    try {
      rows = await this.stream(csv, copy, errors, ledger, lookups);
      await copy.end();
    } catch (err) {
      await copy.abort(err);
      throw err;
    }
    if (markMissingAsLeavers && rows === 0 && errors.count === 0) {
      errors.report({ row: 1, column: null, message: 'A file with no rows cannot mark everyone else as a leaver' });
    }
    await ledger.checkManagers(this.repository, errors.report);
    await ledger.checkCycles(this.repository, errors.report);
    errors.throwIfAny();

    await this.repository.classify({ lock: !dryRun });
    const counts = await this.repository.counts(markMissingAsLeavers);
    if (dryRun) return { dryRun, rows, ...counts, sample: await this.repository.sample(markMissingAsLeavers) };

    await this.repository.apply(markMissingAsLeavers, actor?.userId ?? null);
    await this.audit.record(actor, {
      action: 'staff.imported',
      entityType: 'staff',
      // Counts only, never personal data; the audit trail has no other place for them.
      details: { rows, ...counts },
    });
    return { dryRun, rows, ...counts };
  }

  /** Parses and checks every row, COPYing the good ones while no error has been seen. Returns the data row count. */
  private async stream(
    csv: Readable,
    copy: CopyWriter,
    errors: ImportErrorList,
    ledger: ImportLedger,
    lookups: ImportLookups,
  ): Promise<number> {
    let validator: StaffRowValidator | undefined;
    return readCsvRecords(csv, errors, this.config.http.importMaxRows, {
      header: (cells) => {
        const header = readHeader(cells);
        header.errors.forEach(errors.report);
        validator = new StaffRowValidator(lookups, header.index, cells.length);
      },
      row: async (cells, record) => {
        if (!validator) return;
        const checked = validator.validate(cells, record, errors.report);
        if (checked.staffNumber !== null) ledger.add(record, checked.staffNumber, checked.managerNumber, errors.report);
        if (checked.valid && errors.count === 0 && copy.push(stagingLine(checked.valid))) await copy.flush();
      },
    });
  }
}
