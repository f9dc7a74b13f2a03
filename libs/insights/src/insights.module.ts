import { LearningModule } from '@capability/learning';
import { RecruitmentModule } from '@capability/recruitment';
import { ReviewsModule } from '@capability/reviews';
import { WorkforceModule } from '@capability/workforce';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CAPABILITY_INSIGHTS_ENTITIES,
  CAPABILITY_INSIGHTS_PROVIDERS,
  CAPABILITY_INSIGHTS_SERVICES,
} from './capability/capability.providers.js';
import {
  LEARNING_INSIGHTS_ENTITIES,
  LEARNING_INSIGHTS_PROVIDERS,
  LEARNING_INSIGHTS_SERVICES,
} from './learning/learning.providers.js';
import {
  PEOPLE_INSIGHTS_ENTITIES,
  PEOPLE_INSIGHTS_PROVIDERS,
  PEOPLE_INSIGHTS_SERVICES,
} from './people/people.providers.js';
import {
  RECRUITMENT_INSIGHTS_ENTITIES,
  RECRUITMENT_INSIGHTS_PROVIDERS,
  RECRUITMENT_INSIGHTS_SERVICES,
} from './recruitment/recruitment.providers.js';

export const INSIGHTS_ENTITIES = [
  ...CAPABILITY_INSIGHTS_ENTITIES,
  ...PEOPLE_INSIGHTS_ENTITIES,
  ...LEARNING_INSIGHTS_ENTITIES,
  ...RECRUITMENT_INSIGHTS_ENTITIES,
];

/**
 * Insights for heads of profession and HR: capability gaps and heatmaps, trends, calibration, the workforce and
 * inclusion, learning and recruitment, every cell built from fewer than k people suppressed (and a second one where
 * a total would give it away), within the reader's scope. Reads through SQL it owns over the other contexts; writes
 * nothing but its own snapshot tables.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(INSIGHTS_ENTITIES),
    WorkforceModule,
    ReviewsModule,
    LearningModule,
    RecruitmentModule,
  ],
  providers: [
    ...CAPABILITY_INSIGHTS_PROVIDERS,
    ...PEOPLE_INSIGHTS_PROVIDERS,
    ...LEARNING_INSIGHTS_PROVIDERS,
    ...RECRUITMENT_INSIGHTS_PROVIDERS,
  ],
  exports: [
    ...CAPABILITY_INSIGHTS_SERVICES,
    ...PEOPLE_INSIGHTS_SERVICES,
    ...LEARNING_INSIGHTS_SERVICES,
    ...RECRUITMENT_INSIGHTS_SERVICES,
  ],
})
export class InsightsModule {}
