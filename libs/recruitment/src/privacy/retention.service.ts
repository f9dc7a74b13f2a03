import { AppConfig, AuditService, Transactional } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { CandidateLinkRepository } from '../candidates/candidate-link.repository.js';
import { RetentionRepository } from './retention.repository.js';

/**
 * Retention (UK GDPR storage limitation): an unsuccessful candidate's personal data is anonymised
 * CANDIDATE_RETENTION_MONTHS (default 6) after the vacancy closes, a reserve-list member's when the list expires,
 * unless they consented to be kept. What the recruitment figures need stays: applications' stages, dates, source and
 * partner, scores, and the diversity answers, detached from the person.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly retention: RetentionRepository,
    private readonly links: CandidateLinkRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Anonymises everyone due as of `asOf` (the job passes now; tests a controlled clock) in one transaction, each
   * audited (no actor, no value). Candidates another run holds are left for it. Returns how many.
   */
  @Transactional()
  async anonymiseDue(asOf: Date = new Date()): Promise<number> {
    const ids = await this.retention.due(asOf, this.config.recruitment.retentionMonths);
    if (ids.length > 0) {
      await this.retention.anonymise(ids, asOf);
      await this.audit.recordEach(null, { action: 'candidate.anonymised', entityType: 'candidate' }, ids);
    }
    await this.links.purgeEndedFailures();
    return ids.length;
  }
}
