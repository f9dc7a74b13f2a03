import { AppConfig, AuditService, Transactional, ValidationFailedError, type Actor } from '@capability/platform';
import { CopyWriter, CSV_TRANSFER_TIMEOUT_MS, ImportErrorList, readCsvRecords } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import {
  CANDIDATE_CSV_COLUMNS,
  CandidateRowValidator,
  candidateStagingLine,
  readCandidateHeader,
} from './candidate-csv.js';
import { CandidateImportRepository, type CandidateImportCounts } from './candidate-import.repository.js';
import type { CandidateChannel } from './candidate.entity.js';

export interface CandidateImportOptions {
  /** The partner the file comes from; or else `channel` (a job board, say). */
  partnerId?: string;
  channel?: CandidateChannel;
  /** Check and count, write nothing. */
  dryRun?: boolean;
}

export interface CandidateImportResult extends CandidateImportCounts {
  dryRun: boolean;
  /** Data rows in the file. */
  rows: number;
}

/**
 * Candidates from a partner's or a job board's CSV file, one row per candidate, every row taking the import's source.
 * Streamed through csv-parse, each row checked as it comes and COPYed into a staging table while the file is clean;
 * each email once in the file (any case). Any bad row and nothing is written. A row whose email the service already
 * has is left alone (counted as existing), so importing a file again changes nothing; the rest are inserted in one
 * statement. One audit entry with the counts (never a value).
 */
@Injectable()
export class CandidateImportService {
  constructor(
    private readonly repository: CandidateImportRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  @Transactional()
  async importCsv(actor: Actor, csv: Readable, options: CandidateImportOptions): Promise<CandidateImportResult> {
    const dryRun = options.dryRun ?? false;
    const source = { partnerId: options.partnerId ?? null, channel: options.channel ?? null };
    if ((source.partnerId === null) === (source.channel === null)) {
      throw new ValidationFailedError([
        { field: 'channel', message: 'say where the file comes from: a partnerId or else a channel' },
      ]);
    }
    await this.repository.prepare(CSV_TRANSFER_TIMEOUT_MS);
    if (source.partnerId !== null && !(await this.repository.partnerExists(source.partnerId))) {
      throw new ValidationFailedError([{ field: 'partnerId', message: 'no such partner' }]);
    }
    const errors = new ImportErrorList(CANDIDATE_CSV_COLUMNS);
    const copy = new CopyWriter(await this.repository.openStaging(CSV_TRANSFER_TIMEOUT_MS));
    const firstRow = new Map<string, number>();
    let validator: CandidateRowValidator | undefined;
    let rows = 0;
    try {
      rows = await readCsvRecords(csv, errors, this.config.http.importMaxRows, {
        header: (cells) => {
          const header = readCandidateHeader(cells);
          header.errors.forEach(errors.report);
          validator = new CandidateRowValidator(header.index, cells.length);
        },
        row: async (cells, record) => {
          const row = validator?.validate(cells, record, errors.report);
          if (!row) return;
          const key = row.email.toLowerCase();
          const first = firstRow.get(key);
          if (first !== undefined) {
            errors.report({ row: record, column: 'email', message: `This email is also on row ${first}` });
            return;
          }
          firstRow.set(key, record);
          if (errors.count === 0 && copy.push(candidateStagingLine(row))) await copy.flush();
        },
      });
      await copy.end();
    } catch (err) {
      await copy.abort(err);
      throw err;
    }
    errors.throwIfAny();

    const counts = await this.repository.counts();
    if (dryRun) return { dryRun, rows, ...counts };
    const created = await this.repository.apply(source, actor.userId);
    const result = { dryRun, rows, created, existing: rows - created };
    await this.audit.record(actor, {
      action: 'candidates.imported',
      entityType: 'candidate',
      // Counts only, never the rows.
      details: { rows, created, existing: result.existing },
    });
    return result;
  }
}
