import { AuditService, type Actor } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { staffScope, staffScopeLiteralCondition } from '../staff-scope.js';
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
    const { stream, done } = await this.repository.open(condition);
    // Audited once the export is over, in the request's context (for its request id). Counts only.
    const audited = done
      .then(
        AsyncResource.bind(({ rows, complete }: { rows: number; complete: boolean }) =>
          this.audit.record(actor, {
            action: 'staff.exported',
            entityType: 'staff',
            details: { rows, complete },
          }),
        ),
      )
      .catch((err: Error) => this.logger.error(`Could not audit a staff export: ${err.message}`));
    // The response ends only once a complete export is audited: a shutdown lets responses in flight
    // finish before it closes the pool, so the record is not lost to it. A reader that goes away
    // destroys `file`, and the pipeline the COPY stream (whose connection is then destroyed).
    const file = new PassThrough({ flush: (finish) => void audited.then(() => finish()) });
    pipeline(stream, file, () => undefined);
    return { stream: file, filename: `staff-${new Date().toISOString().slice(0, 10)}.csv` };
  }
}
