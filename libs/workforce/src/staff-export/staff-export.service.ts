import { AuditService, type Actor } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { staffScope, staffScopeLiteralCondition } from '../staff-scope.js';
import { auditedExport } from './audited-export.js';
import { StaffExportRepository } from './staff-export.repository.js';

export interface StaffExport {
  /** CSV, header first, in the import's format. */
  stream: Readable;
  /** `staff-YYYY-MM-DD.csv`. */
  filename: string;
}

/**
 * The staff file in the import's format, scoped exactly like the staff list (own record, reporting
 * chain, led role families, or everyone). Streamed straight from PostgreSQL's COPY.
 */
@Injectable()
export class StaffExportService {
  private readonly logger = new Logger(StaffExportService.name);

  constructor(
    private readonly repository: StaffExportRepository,
    private readonly audit: AuditService,
  ) {}

  async exportCsv(actor: Actor): Promise<StaffExport> {
    const condition = staffScopeLiteralCondition(staffScope(actor, 'staff:export'), 's');
    const opened = await this.repository.open(condition);
    const file = auditedExport(
      opened,
      ({ rows, complete }) =>
        this.audit.record(actor, { action: 'staff.exported', entityType: 'staff', details: { rows, complete } }),
      this.logger,
      'a staff export',
    );
    return { stream: file, filename: `staff-${new Date().toISOString().slice(0, 10)}.csv` };
  }
}
