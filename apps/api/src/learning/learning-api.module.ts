import { LearningModule } from '@capability/learning';
import { Module } from '@nestjs/common';
import { CATALOGUE_CONTROLLERS } from './catalogue/index.js';
import { RECORDS_CONTROLLERS } from './records/index.js';

/** HTTP for learning: the learning map and records of learning. */
@Module({
  imports: [LearningModule],
  controllers: [...CATALOGUE_CONTROLLERS, ...RECORDS_CONTROLLERS],
})
export class LearningApiModule {}
