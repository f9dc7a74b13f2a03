import { LearningModule } from '@capability/learning';
import { Module } from '@nestjs/common';
import { CATALOGUE_CONTROLLERS } from './catalogue/index.js';
import { PLANS_CONTROLLERS } from './plans/index.js';
import { RECOMMENDATIONS_CONTROLLERS } from './recommendations/index.js';
import { RECORDS_CONTROLLERS } from './records/index.js';

/** HTTP for learning: the learning map, records of learning, recommendations and capability action plans. */
@Module({
  imports: [LearningModule],
  controllers: [...CATALOGUE_CONTROLLERS, ...RECORDS_CONTROLLERS, ...RECOMMENDATIONS_CONTROLLERS, ...PLANS_CONTROLLERS],
})
export class LearningApiModule {}
