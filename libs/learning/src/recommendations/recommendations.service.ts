import type { Actor } from '@capability/platform';
import { SkillGapsService, type GapTarget, type RoleLevelRow } from '@capability/reviews';
import { StaffNotFound, StaffService } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { RecommendationPermission } from './recommendation-permissions.js';
import { INCLUSION_FIRST_BELOW, rankRecommendations, type Recommendation } from './recommendation-ranking.js';
import { RecommendationsRepository } from './recommendations.repository.js';

export interface Recommendations {
  staffId: string;
  reviewId: string | null;
  against: RoleLevelRow;
  inclusionLevel: number | null;
  inclusionFirst: boolean;
  items: Recommendation[];
}

/**
 * Recommendations: for each skill gap of a person (their latest ratings against a role level, as the gaps route
 * works them out), the active catalogue items that close it, ranked (see rankRecommendations). Scoped as skill
 * gaps are; out of scope is a 404.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly gaps: SkillGapsService,
    private readonly staff: StaffService,
    private readonly repository: RecommendationsRepository,
  ) {}

  async mine(actor: Actor, against: GapTarget): Promise<Recommendations> {
    if (!actor.staffId) throw new StaffNotFound('(none: your user has no staff record)');
    return this.forStaff(actor, actor.staffId, against);
  }

  async forStaff(actor: Actor, staffId: string, against: GapTarget): Promise<Recommendations> {
    if (!(await this.staff.isInScope(actor, staffId, RecommendationPermission.Read))) throw new StaffNotFound(staffId);
    const gaps = await this.gaps.forStaff(actor, staffId, against);
    const open = gaps.skills
      .filter((s) => s.gap > 0)
      .map((s) => ({
        skillSlug: s.skillSlug,
        requiredLevel: s.requiredLevel,
        currentLevel: s.validatedLevel ?? s.selfLevel ?? 0,
      }));
    const inclusionLevel = await this.repository.inclusionLevel(staffId);
    const inclusionFirst = inclusionLevel === null || inclusionLevel < INCLUSION_FIRST_BELOW;
    const candidates = await this.repository.candidates(
      staffId,
      open.map((g) => g.skillSlug),
      inclusionFirst,
    );
    return {
      staffId,
      reviewId: gaps.reviewId,
      against: gaps.against,
      inclusionLevel,
      inclusionFirst,
      items: rankRecommendations(open, candidates, inclusionFirst),
    };
  }
}
