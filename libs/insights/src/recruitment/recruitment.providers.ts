import type { Provider, Type } from '@nestjs/common';
import { RecruitmentInsightsRepository } from './recruitment-insights.repository.js';
import { RecruitmentInsightsService } from './recruitment-insights.service.js';

/**
 * Recruitment: the recruitment lib's figures, and gap closure per role level (gaps and vacancies against accepted offers and the live pipeline).
 * Entities (snapshot tables only: insights writes nothing else), providers and the services other modules may use,
 * gathered here for InsightsModule.
 */
export const RECRUITMENT_INSIGHTS_ENTITIES: Type[] = [];
export const RECRUITMENT_INSIGHTS_SERVICES: Type[] = [RecruitmentInsightsService];
export const RECRUITMENT_INSIGHTS_PROVIDERS: Provider[] = [
  RecruitmentInsightsRepository,
  ...RECRUITMENT_INSIGHTS_SERVICES,
];
