import type { TransactionalAdapterTypeOrm } from '@capability/platform';
import { AuditService, ForbiddenError, scopesFor, TransactionHost, type Actor } from '@capability/platform';
import { auditedExport, escapeFormulaSql, StaffExportRepository } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Readable } from 'node:stream';
import { ReviewCycleNotFound } from '../review-cycle.errors.js';
import { RESULTS_CSV_COLUMNS, type ResultsCsvColumn } from './review-results-csv.js';

export interface ResultsExport {
  /** CSV, header first, in the import's columns plus role_level_slug, required_level and state. */
  stream: Readable;
  /** `review-results-<cycle id>-YYYY-MM-DD.csv`. */
  filename: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** auth's `Permission.ReviewResultsExport` (auth depends on the contexts, not the other way round). */
export const RESULTS_EXPORT_PERMISSION = 'review-results:export';

/** Each file column as SQL over `x` (the rating), `r` (its review) and `s` (the reviewee). */
const COLUMN_SQL: Record<ResultsCsvColumn, string> = {
  staff_number: escapeFormulaSql('s.staff_number'),
  skill_slug: escapeFormulaSql('x.skill_slug'),
  self_level: 'x.self_level',
  validated_level: 'x.validated_level',
  role_level_slug: escapeFormulaSql('r.role_level_slug'),
  required_level: 'x.required_level',
  state: 'r.state',
};

/**
 * The export query: one row per rating of the cycle's reviews that `condition` admits (trusted SQL over `r`),
 * by staff number, then required skills in the framework's order, then extra skills. `cycleId` is a checked uuid.
 */
export function resultsExportSelect(cycleId: string, condition: string): string {
  if (!isUUID(cycleId)) throw new Error('Refusing to inline a cycle id that is not a uuid');
  return `SELECT ${RESULTS_CSV_COLUMNS.map((c) => `${COLUMN_SQL[c]} AS ${c}`).join(', ')}
    FROM skill_reviews r
    JOIN staff s ON s.id = r.staff_id
    JOIN skill_review_ratings x ON x.review_id = r.id
    WHERE r.cycle_id = '${cycleId}'::uuid AND ${condition}
    ORDER BY s.staff_number, x.required_level IS NULL, x.position, x.skill_slug`;
}

/**
 * A cycle's results as CSV, streamed from PostgreSQL's COPY through the staff export's slots. With
 * review-results:export at every scope (HR, admins) every review; at profession scope (heads of profession) the
 * reviews whose role family, as the cycle snapshotted it, they lead. Nobody else holds the permission.
 */
@Injectable()
export class ReviewResultsExportService {
  private readonly logger = new Logger(ReviewResultsExportService.name);

  constructor(
    private readonly exports: StaffExportRepository,
    private readonly audit: AuditService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async exportCsv(actor: Actor, cycleId: string): Promise<ResultsExport> {
    const condition = this.condition(actor);
    const found: unknown[] = await this.txHost.tx.query('SELECT 1 FROM review_cycles WHERE id = $1', [cycleId]);
    if (found.length === 0) throw new ReviewCycleNotFound(cycleId);
    const opened = await this.exports.openSelect(resultsExportSelect(cycleId, condition));
    const stream = auditedExport(
      opened,
      ({ rows, complete }) =>
        this.audit.record(actor, {
          action: 'review-cycle.results-exported',
          entityType: 'review-cycle',
          entityId: cycleId,
          details: { rows, complete },
        }),
      this.logger,
      'a review results export',
    );
    return { stream, filename: `review-results-${cycleId}-${new Date().toISOString().slice(0, 10)}.csv` };
  }

  /** The reviews the actor may export, as literal SQL over `r`. */
  private condition(actor: Actor): string {
    const scopes = scopesFor(actor, RESULTS_EXPORT_PERMISSION);
    if (scopes.includes('any')) return 'TRUE';
    if (!scopes.includes('profession')) {
      throw new ForbiddenError("A cycle's results are exported by HR, admins and heads of profession");
    }
    const families = actor.roleFamilies.filter((f) => SLUG.test(f));
    if (families.length === 0) return 'FALSE';
    return `r.role_family_slug IN (${families.map((f) => `'${f}'`).join(', ')})`;
  }
}
