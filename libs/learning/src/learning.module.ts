import { FrameworkModule } from '@capability/framework';
import { ReviewsModule } from '@capability/reviews';
import { WorkforceModule } from '@capability/workforce';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CATALOGUE_ENTITIES, CATALOGUE_PROVIDERS, CATALOGUE_SERVICES } from './catalogue/catalogue.providers.js';
import { RECORDS_ENTITIES, RECORDS_PROVIDERS, RECORDS_SERVICES } from './records/records.providers.js';

export const LEARNING_ENTITIES = [...CATALOGUE_ENTITIES, ...RECORDS_ENTITIES];

/** Learning and capability plans: the learning map (catalogue), records of learning, recommendations, plans. */
@Module({
  imports: [TypeOrmModule.forFeature(LEARNING_ENTITIES), ReviewsModule, WorkforceModule, FrameworkModule],
  providers: [...CATALOGUE_PROVIDERS, ...RECORDS_PROVIDERS],
  exports: [...CATALOGUE_SERVICES, ...RECORDS_SERVICES],
})
export class LearningModule {}
