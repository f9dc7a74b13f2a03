import { AppConfig, AuditService, ForbiddenError, Transactional, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { CsvError, parse, type Options } from 'csv-parse';
import { pipeline, type Readable, type TransformOptions } from 'node:stream';
import { staffScope } from '../staff-scope.js';
import { CopyWriter } from './copy-writer.js';
import { ImportLedger } from './import-ledger.js';
import { CSV_TRANSFER_TIMEOUT_MS, STAFF_CSV_COLUMNS } from './staff-csv.js';
import { ImportInvalid, ImportTooManyRows, MAX_REPORTED_ERRORS, type ImportRowError } from './staff-import.errors.js';
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

/** Collects row errors: all are counted, the first MAX_REPORTED_ERRORS kept. */
class ErrorList {
  readonly items: ImportRowError[] = [];
  count = 0;
  readonly report = (error: ImportRowError): void => {
    this.count++;
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push(error);
  };
  throwIfAny(): void {
    if (this.count === 0) return;
    const columnOrder = (e: ImportRowError): number =>
      e.column === null ? -1 : (STAFF_CSV_COLUMNS as readonly string[]).indexOf(e.column);
    this.items.sort((a, b) => a.row - b.row || columnOrder(a) - columnOrder(b));
    throw new ImportInvalid(this.items, this.count);
  }
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
    const errors = new ErrorList();
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
    errors: ErrorList,
    ledger: ImportLedger,
    lookups: ImportLookups,
  ): Promise<number> {
    const maxRows = this.config.http.importMaxRows;
    // The parser is a Transform stream and takes its stream options too: it reads at most 16 KiB ahead of the rows
    // being checked (Node 22+ would buffer 64 KiB), so a bad header is answered as such (422) before the upload
    // behind it passes IMPORT_MAX_BYTES (413), on every supported Node.
    const options: Options & Pick<TransformOptions, 'writableHighWaterMark'> = {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      writableHighWaterMark: 16 * 1024,
    };
    const parser = parse(options);
    // A failed upload (too large, client gone) ends the parse with its error; stopping the parse stops the upload.
    pipeline(csv, parser, () => undefined);
    let validator: StaffRowValidator | undefined;
    let record = 0;
    let rows = 0;
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        record++;
        if (!validator) {
          const header = readHeader(cells);
          header.errors.forEach(errors.report);
          errors.throwIfAny();
          validator = new StaffRowValidator(lookups, header.index, cells.length);
          continue;
        }
        if (cells.length === 1 && cells[0] === '') continue; // a blank line keeps its row number
        if (++rows > maxRows) throw new ImportTooManyRows(maxRows);
        const checked = validator.validate(cells, record, errors.report);
        if (checked.staffNumber !== null) ledger.add(record, checked.staffNumber, checked.managerNumber, errors.report);
        if (checked.valid && errors.count === 0 && copy.push(stagingLine(checked.valid))) await copy.flush();
      }
    } catch (err) {
      if (err instanceof CsvError) {
        // csv-parse may fail before the records it read are handed over; its own count is the truth.
        const records = (err as CsvError & { records?: unknown }).records;
        const row = (typeof records === 'number' ? records : record) + 1;
        errors.report({ row, column: null, message: `The file is not valid CSV: ${err.message}` });
        errors.throwIfAny();
      }
      throw err;
    }
    if (!validator) {
      errors.report({ row: 1, column: null, message: 'The file is empty; the first row must be the header' });
      errors.throwIfAny();
    }
    return rows;
  }
}
