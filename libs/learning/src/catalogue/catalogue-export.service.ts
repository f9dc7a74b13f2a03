import { AuditService, type Actor } from '@capability/platform';
import { auditedExport, escapeFormulaSql, StaffExportRepository } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { CATALOGUE_CSV_COLUMNS, type CatalogueCsvColumn } from './catalogue-csv.js';

export interface CatalogueExport {
  /** CSV, header first, in the import's columns. */
  stream: Readable;
  /** `learning-catalogue-YYYY-MM-DD.csv`. */
  filename: string;
}

const ISO = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** COPY writes booleans as t and f; the file says true and false. */
const BOOL = (column: string): string => `CASE WHEN ${column} THEN 'true' ELSE 'false' END`;

/** Each file column as SQL over `i` (the item). */
const COLUMN_SQL: Record<CatalogueCsvColumn, string> = {
  code: 'i.code',
  title: escapeFormulaSql('i.title'),
  provider_kind: 'i.provider_kind',
  provider: escapeFormulaSql('i.provider_name'),
  format: 'i.format',
  hours: 'i.hours::float8',
  url: escapeFormulaSql('i.url'),
  description: escapeFormulaSql('i.description'),
  counts_towards_inclusion: BOOL('i.counts_towards_inclusion'),
  inclusion_package: 'i.inclusion_package',
  skills: `(SELECT string_agg(s.skill_slug || ':' || s.level, ';' ORDER BY s.skill_slug)
              FROM learning_item_skills s WHERE s.item_id = i.id)`,
  starts_at: ISO('i.starts_at'),
  ends_at: ISO('i.ends_at'),
  location: escapeFormulaSql('i.location'),
  active: BOOL('i.active'),
};

/** The export query: every item, by code. */
export const CATALOGUE_EXPORT_SELECT = `SELECT ${CATALOGUE_CSV_COLUMNS.map((c) => `${COLUMN_SQL[c]} AS ${c}`).join(', ')}
  FROM learning_items i ORDER BY i.code`;

/** The whole catalogue as CSV, streamed from PostgreSQL's COPY through the staff export's slots. */
@Injectable()
export class CatalogueExportService {
  private readonly logger = new Logger(CatalogueExportService.name);

  constructor(
    private readonly exports: StaffExportRepository,
    private readonly audit: AuditService,
  ) {}

  async exportCsv(actor: Actor): Promise<CatalogueExport> {
    const opened = await this.exports.openSelect(CATALOGUE_EXPORT_SELECT);
    const stream = auditedExport(
      opened,
      ({ rows, complete }) =>
        this.audit.record(actor, {
          action: 'learning-catalogue.exported',
          entityType: 'learning-catalogue',
          details: { rows, complete },
        }),
      this.logger,
      'a learning catalogue export',
    );
    return { stream, filename: `learning-catalogue-${new Date().toISOString().slice(0, 10)}.csv` };
  }
}
