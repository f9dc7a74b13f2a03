import { FrameworkModule } from '@capability/framework';
import { ReviewsModule } from '@capability/reviews';
import { WorkforceModule } from '@capability/workforce';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CATALOGUE_ENTITIES, CATALOGUE_PROVIDERS, CATALOGUE_SERVICES } from './catalogue/catalogue.providers.js';
import { PLANS_ENTITIES, PLANS_PROVIDERS, PLANS_SERVICES } from './plans/plans.providers.js';
import {
  RECOMMENDATIONS_ENTITIES,
  RECOMMENDATIONS_PROVIDERS,
  RECOMMENDATIONS_SERVICES,
} from './recommendations/recommendations.providers.js';
import { RECORDS_ENTITIES, RECORDS_PROVIDERS, RECORDS_SERVICES } from './records/records.providers.js';

export const LEARNING_ENTITIES = [
  ...CATALOGUE_ENTITIES,
  ...RECORDS_ENTITIES,
  ...RECOMMENDATIONS_ENTITIES,
  ...PLANS_ENTITIES,
];

/** Learning and capability plans: the learning map (catalogue), records of learning, recommendations, plans. */
@Module({
  imports: [TypeOrmModule.forFeature(LEARNING_ENTITIES), ReviewsModule, WorkforceModule, FrameworkModule],
  providers: [...CATALOGUE_PROVIDERS, ...RECORDS_PROVIDERS, ...RECOMMENDATIONS_PROVIDERS, ...PLANS_PROVIDERS],
  exports: [...CATALOGUE_SERVICES, ...RECORDS_SERVICES, ...RECOMMENDATIONS_SERVICES, ...PLANS_SERVICES],
})
export class LearningModule {}
