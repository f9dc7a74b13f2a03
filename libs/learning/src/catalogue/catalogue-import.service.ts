import { AppConfig, AuditService, Transactional, type Actor } from '@capability/platform';
import { CSV_TRANSFER_TIMEOUT_MS, ImportErrorList, readCsvRecords } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import {
  CATALOGUE_CSV_COLUMNS,
  CatalogueRowValidator,
  readCatalogueHeader,
  type CatalogueRow,
} from './catalogue-csv.js';
import { CatalogueImportRepository, itemKey } from './catalogue-import.repository.js';
import { LearningItemsRepository } from './learning-items.repository.js';

export interface CatalogueImportOptions {
  /** Check and count, write nothing. */
  dryRun?: boolean;
}

export interface CatalogueImportResult {
  dryRun: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Items new to the catalogue. */
  created: number;
  /** Items whose fields or skills change. */
  updated: number;
  /** Rows identical to the catalogue. */
  unchanged: number;
}

/**
 * The catalogue from a CSV file, one row per item, matched on `code`: a new code adds an item, a known one replaces
 * its fields and skills. Streamed through csv-parse, each row's cells checked as they come; then each skill checked
 * against the current framework version (known slug, level not above the highest the framework describes) and each
 * code once in the file. Any bad row and nothing is written. Items the file does not mention are left alone (a
 * catalogue import never retires or deletes); a file identical to the catalogue changes nothing, so an export
 * imports back as a no-op.
 */
@Injectable()
export class CatalogueImportService {
  constructor(
    private readonly repository: CatalogueImportRepository,
    private readonly items: LearningItemsRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  @Transactional()
  async importCsv(actor: Actor, csv: Readable, options: CatalogueImportOptions = {}): Promise<CatalogueImportResult> {
    const dryRun = options.dryRun ?? false;
    await this.repository.prepare(CSV_TRANSFER_TIMEOUT_MS);
    const errors = new ImportErrorList(CATALOGUE_CSV_COLUMNS);
    const checked: CatalogueRow[] = [];
    let validator: CatalogueRowValidator | undefined;
    const rows = await readCsvRecords(csv, errors, this.config.http.importMaxRows, {
      header: (cells) => {
        const header = readCatalogueHeader(cells);
        header.errors.forEach(errors.report);
        validator = new CatalogueRowValidator(header.index, cells.length);
      },
      row: (cells, record) => {
        const row = validator?.validate(cells, record, errors.report);
        if (row) checked.push(row);
      },
    });

    const firstRow = new Map<string, number>();
    for (const row of checked) {
      const first = firstRow.get(row.code);
      if (first === undefined) firstRow.set(row.code, row.row);
      else errors.report({ row: row.row, column: 'code', message: `Code ${row.code} is also on row ${first}` });
    }
    const skills = await this.items.currentSkills([...new Set(checked.flatMap((r) => r.skills.map((s) => s.slug)))]);
    for (const row of checked) {
      for (const skill of row.skills) {
        const known = skills.get(skill.slug);
        if (!known) {
          errors.report({
            row: row.row,
            column: 'skills',
            message: `No skill "${skill.slug}" in the current framework version`,
          });
        } else if (skill.level > known.highestLevel) {
          errors.report({
            row: row.row,
            column: 'skills',
            message: `The framework describes skill "${skill.slug}" up to level ${known.highestLevel}, not ${skill.level}`,
          });
        }
      }
    }
    errors.throwIfAny();

    const stored = await this.repository.stored(checked.map((r) => r.code));
    const changed = checked.filter((r) => stored.get(r.code)?.key !== itemKey(r));
    const created = changed.filter((r) => !stored.has(r.code)).length;
    const counts = { rows, created, updated: changed.length - created, unchanged: checked.length - changed.length };
    if (dryRun) return { dryRun, ...counts };
    await this.repository.apply(changed, actor.userId);
    await this.audit.record(actor, {
      action: 'learning-catalogue.imported',
      entityType: 'learning-catalogue',
      // Counts only, never the rows.
      details: counts,
    });
    return { dryRun, ...counts };
  }
}
