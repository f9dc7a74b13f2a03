import { Injectable } from '@nestjs/common';
import { RecommendationsRepository, type EvidenceRow } from './recommendations.repository.js';

export type LearningEvidence = Omit<EvidenceRow, 'skillSlugs'>;

/**
 * The learning evidence shown beside each skill of a review: the reviewee's verified records of learning that
 * claim the skill. The caller has already checked the reader may read the review (the reviewee, their chain,
 * heads of profession for their family, HR and admins: the same people who read their records of learning).
 */
@Injectable()
export class LearningEvidenceService {
  constructor(private readonly repository: RecommendationsRepository) {}

  /** Per skill slug, the verified records claiming it, most recent first (an empty list for none). */
  async forReview(staffId: string, skillSlugs: string[]): Promise<Map<string, LearningEvidence[]>> {
    const rows = await this.repository.verifiedEvidence(staffId, skillSlugs);
    return new Map(
      skillSlugs.map((slug) => [
        slug,
        rows
          .filter((r) => r.skillSlugs.includes(slug))
          .map((r) => ({ recordId: r.recordId, title: r.title, completedOn: r.completedOn, hours: r.hours })),
      ]),
    );
  }
}
