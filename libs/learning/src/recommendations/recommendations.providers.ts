import type { Provider, Type } from '@nestjs/common';
import { LearningEvidenceService } from './learning-evidence.service.js';
import { RecommendationsRepository } from './recommendations.repository.js';
import { RecommendationsService } from './recommendations.service.js';

/**
 * Recommendations: the catalogue items that close each person's skill gaps, and the learning evidence shown beside
 * each skill of a review. Providers and the services other modules may use, gathered here for LearningModule.
 * No tables of its own: it reads the catalogue, records of learning, skill gaps and inclusion assessments.
 */
export const RECOMMENDATIONS_ENTITIES: Type[] = [];
export const RECOMMENDATIONS_SERVICES: Type[] = [RecommendationsService, LearningEvidenceService];
export const RECOMMENDATIONS_PROVIDERS: Provider[] = [RecommendationsRepository, ...RECOMMENDATIONS_SERVICES];
