import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { ReviewResultsExportService } from './results/review-results-export.service.js';
import { ReviewResultsImportRepository } from './results/review-results-import.repository.js';
import { ReviewResultsImportService } from './results/review-results-import.service.js';
import { ReviewCycleExclusion } from './review-cycle-exclusion.entity.js';
import { ReviewCycle } from './review-cycle.entity.js';
import { ReviewCyclesRepository } from './review-cycles.repository.js';
import { ReviewCyclesService } from './review-cycles.service.js';
import { ReviewRemindersJob } from './review-reminders.job.js';
import { ReviewRemindersRepository } from './review-reminders.repository.js';
import { SkillGapsRepository } from './skill-gaps.repository.js';
import { SkillGapsService } from './skill-gaps.service.js';
import { SkillReviewRating } from './skill-review-rating.entity.js';
import { SkillReview } from './skill-review.entity.js';
import { SkillReviewsRepository } from './skill-reviews.repository.js';
import { SkillReviewsService } from './skill-reviews.service.js';

/**
 * The annual skills review: cycles, reviews and their ratings, gaps and career paths. Entities,
 * providers and the services other modules may use, gathered here for ReviewsModule.
 *
 * Tables:
 * - `review_cycles`: name, unit (its whole subtree is in scope), opens_on/closes_on, state
 *   draft → open → closed, the framework version pinned on opening (null while a draft), version (ETag).
 * - `review_cycle_exclusions` (cycle_id, staff_id): in-scope staff the opening left out, with the reason
 *   (`no_role_level`, `role_level_not_in_version`).
 * - `skill_reviews`: one per cycle and person (unique (cycle_id, staff_id)); snapshot of the role level
 *   (id, slug, name of the pinned version's level), its family slug and the person's unit at opening; state
 *   not_started → in_progress → self_assessed → validated (returned: sent back by the manager with a reason);
 *   submitted/validated/returned timestamps, validated_by_user_id, version (If-Match).
 * - `skill_review_ratings` (review_id, skill_id): skill slug/name snapshot, required_level (null for an extra
 *   skill), self_level 0..4 with evidence (≤ 2,000), validated_level 0..4 with comment, flagged_for_calibration
 *   (a CHECK: self and validated two or more apart).
 *
 * Results import and export (`results/`): a cycle's ratings as CSV, one row per rating, streamed both ways.
 */
export const SKILLS_REVIEW_ENTITIES: Type[] = [ReviewCycle, ReviewCycleExclusion, SkillReview, SkillReviewRating];
export const SKILLS_REVIEW_SERVICES: Type[] = [
  ReviewCyclesService,
  SkillReviewsService,
  SkillGapsService,
  ReviewResultsImportService,
  ReviewResultsExportService,
];
export const SKILLS_REVIEW_PROVIDERS: Provider[] = [
  ReviewCyclesRepository,
  SkillReviewsRepository,
  SkillGapsRepository,
  ReviewResultsImportRepository,
  ...SKILLS_REVIEW_SERVICES,
  ReviewRemindersRepository,
  ReviewRemindersJob,
];

registerConstraintMessages({
  fk_review_cycles_unit_id: 'No such organisation unit',
  ck_review_cycles_closes_after_opens: 'closesOn must be on or after opensOn',
  uq_skill_reviews_cycle_staff: 'This person already has a review in this cycle',
  ck_skill_review_ratings_evidence_length: 'Evidence is at most 2,000 characters',
  ck_skill_review_ratings_comment_length: 'A comment is at most 2,000 characters',
  ck_skill_reviews_return_reason_length: 'A reason is at most 2,000 characters',
});
