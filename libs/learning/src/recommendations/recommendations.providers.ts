import type { Provider, Type } from '@nestjs/common';

/**
 * Recommendations: the catalogue items that close each person's skill gaps, and the learning evidence shown beside
 * each skill of a review. Providers and the services other modules may use, gathered here for LearningModule.
 */
export const RECOMMENDATIONS_ENTITIES: Type[] = [];
export const RECOMMENDATIONS_PROVIDERS: Provider[] = [];
export const RECOMMENDATIONS_SERVICES: Type[] = [];
