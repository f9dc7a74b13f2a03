import type { Provider, Type } from '@nestjs/common';
import { InclusionInsightsService } from './inclusion-insights.service.js';
import { InclusionInsightsRepository } from './inclusion.repository.js';
import { WorkforceInsightsService } from './workforce-insights.service.js';
import { WorkforceInsightsRepository } from './workforce.repository.js';

/**
 * People: the workforce report (headcount against establishment, vacancies, interim and contractor dependency, joiners and leavers) and the inclusion report (levels 1..9, the share at 7+, pulses).
 * Entities (snapshot tables only: insights writes nothing else), providers and the services other modules may use,
 * gathered here for InsightsModule.
 */
export const PEOPLE_INSIGHTS_ENTITIES: Type[] = [];
export const PEOPLE_INSIGHTS_SERVICES: Type[] = [WorkforceInsightsService, InclusionInsightsService];
export const PEOPLE_INSIGHTS_PROVIDERS: Provider[] = [
  WorkforceInsightsRepository,
  InclusionInsightsRepository,
  ...PEOPLE_INSIGHTS_SERVICES,
];
