export { EXCLUSION_REASONS, ReviewCycleExclusion, type ExclusionReason } from './review-cycle-exclusion.entity.js';
export { CYCLE_STATES, ReviewCycle, type CycleState } from './review-cycle.entity.js';
export { SkillReviewRating } from './skill-review-rating.entity.js';
export { REVIEW_STATES, SkillReview, type ReviewState } from './skill-review.entity.js';
