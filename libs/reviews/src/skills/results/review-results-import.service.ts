import { AppConfig, AuditService, Transactional, type Actor } from '@capability/platform';
import {
  CopyWriter,
  CSV_TRANSFER_TIMEOUT_MS,
  ImportErrorList,
  readCsvRecords,
  type ImportRowError,
} from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ReviewCycleNotFound } from '../review-cycle.errors.js';
import { CALIBRATION_THRESHOLD } from '../review-states.js';
import { ReviewCycleClosed } from '../skill-review.errors.js';
import { RESULTS_CSV_COLUMNS } from './review-results-csv.js';
import {
  resultStagingLine,
  ReviewResultsImportRepository,
  type ResultsImportCounts,
} from './review-results-import.repository.js';
import { readResultsHeader, ResultRowValidator } from './review-results-row.validator.js';
import { ReviewCycleNotOpen } from './review-results.errors.js';

export interface ResultsImportOptions {
  /** Check and count, write nothing. */
  dryRun?: boolean;
}

export interface ResultsImportResult extends ResultsImportCounts {
  dryRun: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Reviews whose state the import moved (not worked out on a dry run). */
  statesChanged?: number;
}

/**
 * A cycle's results from a review run elsewhere (a department's own spreadsheet, another system): one row per
 * rating. Streamed through csv-parse, each row's cells checked as they come and COPYed into a staging table, then
 * checked against the cycle in SQL (the person has a review in it, the skill is in its pinned framework version,
 * each (person, skill) once) and merged set-based, all in one transaction. Any bad row and nothing is written.
 *
 * The cycle must be open: a draft has no reviews yet, and a closed cycle is frozen (409 both). Ratings in the file
 * replace the self and validated levels of the same rating (an empty cell clears one); a skill the role level does
 * not require becomes an extra skill; ratings the file does not mention are left alone, as are evidence and
 * comments. Each review whose ratings changed then takes the state they give: every required skill validated (and
 * self-rated) → validated; every required skill self-rated → self_assessed; otherwise in_progress (a returned
 * review stays returned), or not_started when nothing is rated. A file identical to the service changes nothing,
 * so an export imports back as a no-op.
 */
@Injectable()
export class ReviewResultsImportService {
  constructor(
    private readonly repository: ReviewResultsImportRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  @Transactional()
  async importCsv(
    actor: Actor,
    cycleId: string,
    csv: Readable,
    options: ResultsImportOptions = {},
  ): Promise<ResultsImportResult> {
    const dryRun = options.dryRun ?? false;
    const cycle = await this.repository.lockCycle(cycleId);
    if (!cycle) throw new ReviewCycleNotFound(cycleId);
    if (cycle.state === 'closed') throw new ReviewCycleClosed();
    if (cycle.state !== 'open' || !cycle.frameworkVersionId) throw new ReviewCycleNotOpen(cycle.state);

    await this.repository.prepare(CSV_TRANSFER_TIMEOUT_MS);
    const errors = new ImportErrorList(RESULTS_CSV_COLUMNS);
    const copy = new CopyWriter(await this.repository.openStaging(CSV_TRANSFER_TIMEOUT_MS));
    let rows = 0;
    try {
      rows = await this.stream(csv, copy, errors);
      await copy.end();
    } catch (err) {
      await copy.abort(err);
      throw err;
    }
    await this.repository.resolve(cycleId, cycle.frameworkVersionId);
    const found = await this.repository.errors();
    // Row errors found in SQL join the ones found while reading (each list is already capped).
    reportAll(found.errors, found.count, errors);
    errors.throwIfAny();

    const counts = await this.repository.counts();
    if (dryRun) return { dryRun, rows, ...counts };
    const statesChanged = await this.repository.apply(actor.userId, CALIBRATION_THRESHOLD);
    await this.audit.record(actor, {
      action: 'review-cycle.results-imported',
      entityType: 'review-cycle',
      entityId: cycleId,
      // Counts only, never the rows.
      details: { rows, ...counts, statesChanged },
    });
    return { dryRun, rows, ...counts, statesChanged };
  }

  /** Parses and checks every row, COPYing each one whose cells are well-formed. Returns the data row count. */
  private stream(csv: Readable, copy: CopyWriter, errors: ImportErrorList): Promise<number> {
    let validator: ResultRowValidator | undefined;
    return readCsvRecords(csv, errors, this.config.http.importMaxRows, {
      header: (cells) => {
        const header = readResultsHeader(cells);
        header.errors.forEach(errors.report);
        validator = new ResultRowValidator(header.index, cells.length);
      },
      row: async (cells, record) => {
        const checked = validator?.validate(cells, record, errors.report);
        // Well-formed rows are staged even after an error, so the SQL checks can report on them too.
        if (checked && copy.push(resultStagingLine(checked))) await copy.flush();
      },
    });
  }
}

/** Adds the SQL checks' errors (the first ones, and the count of all) to the list. */
function reportAll(found: ImportRowError[], count: number, errors: ImportErrorList): void {
  found.forEach(errors.report);
  errors.count += count - found.length;
}
