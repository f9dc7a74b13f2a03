import { LearningModule } from '@capability/learning';
import { ReviewsModule } from '@capability/reviews';
import { Module } from '@nestjs/common';
import { INCLUSION_CONTROLLERS } from './inclusion/index.js';
import { SKILLS_REVIEW_CONTROLLERS } from './skills/index.js';

/** HTTP for the annual skills review and digital inclusion (a review shows learning evidence beside each skill). */
@Module({
  imports: [ReviewsModule, LearningModule],
  controllers: [...SKILLS_REVIEW_CONTROLLERS, ...INCLUSION_CONTROLLERS],
})
export class ReviewsApiModule {}
