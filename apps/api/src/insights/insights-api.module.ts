import { InsightsModule } from '@capability/insights';
import { Module } from '@nestjs/common';
import { CAPABILITY_INSIGHTS_CONTROLLERS } from './capability/index.js';
import { LEARNING_INSIGHTS_CONTROLLERS } from './learning/index.js';
import { PEOPLE_INSIGHTS_CONTROLLERS } from './people/index.js';
import { RECRUITMENT_INSIGHTS_CONTROLLERS } from './recruitment/index.js';

/** HTTP for insights (`/api/v1/insights/…`): capability, people, learning and recruitment reports. */
@Module({
  imports: [InsightsModule],
  controllers: [
    ...CAPABILITY_INSIGHTS_CONTROLLERS,
    ...PEOPLE_INSIGHTS_CONTROLLERS,
    ...LEARNING_INSIGHTS_CONTROLLERS,
    ...RECRUITMENT_INSIGHTS_CONTROLLERS,
  ],
})
export class InsightsApiModule {}
