import type { Type } from '@nestjs/common';
import { ReviewCyclesController } from './review-cycles.controller.js';
import { ReviewResultsController } from './review-results.controller.js';
import { SkillGapsController } from './skill-gaps.controller.js';
import { SkillReviewsController } from './skill-reviews.controller.js';

/** The skills review's controllers (cycles, reviews, gaps), for ReviewsApiModule. */
export const SKILLS_REVIEW_CONTROLLERS: Type[] = [
  ReviewCyclesController,
  SkillReviewsController,
  SkillGapsController,
  ReviewResultsController,
];
