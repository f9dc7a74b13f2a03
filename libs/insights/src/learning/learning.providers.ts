import type { Provider, Type } from '@nestjs/common';
import { LearningInsightsRepository } from './learning-insights.repository.js';
import { LearningInsightsService } from './learning-insights.service.js';

/**
 * Learning: completions and hours, inclusion package uptake, whether gaps closed for those who learned.
 * Entities (snapshot tables only: insights writes nothing else), providers and the services other modules may use,
 * gathered here for InsightsModule.
 */
export const LEARNING_INSIGHTS_ENTITIES: Type[] = [];
export const LEARNING_INSIGHTS_SERVICES: Type[] = [LearningInsightsService];
export const LEARNING_INSIGHTS_PROVIDERS: Provider[] = [LearningInsightsRepository, ...LEARNING_INSIGHTS_SERVICES];
